// A child process for test/crash-import.test.ts: opens the ledger file and imports one
// .xlsx through the real `imports.commit`, saying on stdout when it starts reading,
// when it starts writing, and when it has committed, so the test can kill it with
// SIGKILL anywhere in between.
//   tsx test/support/crash-import-child.ts <ledger.sqlite> <file.xlsx>
import fs from 'node:fs';
import path from 'node:path';
import { dispatch } from '../../electron/api/dispatch';
import { handlers } from '../../electron/handlers';
import { makeContext } from '../../electron/main/runtime';
import { openDatabase } from '../../db/connection';

async function main() {
  const [dbFile, xlsxFile] = process.argv.slice(2);
  if (!dbFile || !xlsxFile) throw new Error('usage: crash-import-child <ledger.sqlite> <file.xlsx>');
  const db = await openDatabase(dbFile);
  const dir = path.dirname(dbFile);
  const started = Date.now();
  let writing = false;
  const ctx = {
    ...makeContext(db, dir, { error: (e) => console.error(e), info: () => undefined }, { now: () => new Date('2024-06-01T10:00:00') }),
    progress: (p: { phase: string }) => {
      if (!writing && p.phase === '写入数据') {
        writing = true;
        process.stdout.write(`writing ${Date.now() - started}\n`);
      }
    },
  };
  process.stdout.write('reading 0\n');
  const reply = await dispatch(
    handlers,
    'imports.commit',
    { kind: 'activities', fileName: path.basename(xlsxFile), dataBase64: fs.readFileSync(xlsxFile).toString('base64') },
    ctx,
  );
  if (!reply.ok) throw new Error(`${reply.code}: ${reply.message}`);
  process.stdout.write(`committed ${Date.now() - started} ${(reply.value as { written: number }).written}\n`);
  await db.destroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
