// Helpers for the 外出督导包 tests: an office world with supervisions and problems, and a
// "laptop" that opens a package file as its working database through the real handlers.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Args, Method, Output } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { handlers } from '../../electron/handlers';
import { makeContext } from '../../electron/main/runtime';
import { openDatabase } from '../../db/connection';
import { makeAllianceWorld } from './alliance-world';

export const sha256File = (file: string) => (fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : 'absent');

/** The office: the alliance world plus a supervision and two problems of 渭滨区城乡教育联盟. */
export async function makeOffice() {
  const office = await makeAllianceWorld({ today: '2026-11-20' });
  const supervision = (findings: string, date = '2026-10-10') =>
    office.call('supervisions.create', { kind: 'special', date, targetAllianceId: office.alliances.weibin, inspectors: '督导组', findings });
  const problem = (description: string, owner: string) =>
    office.call('problems.create', { allianceId: office.alliances.weibin, description, dueOn: '2026-12-31', owner, goal: '原目标', measures: '原措施' });
  const records = {
    s1: (await supervision('课程开设不足')).id,
    s2: (await supervision('校舍安全隐患')).id,
    p1: (await problem('教研活动次数不足', '赵主任')).id,
    p2: (await problem('交流教师未到岗', '钱主任')).id,
    p3: (await problem('联盟章程未修订', '吴主任')).id,
  };
  return Object.assign(office, { records });
}

export type Office = Awaited<ReturnType<typeof makeOffice>>;

/** A laptop: its own data folder holding the package file, opened with a clock of its own. */
export async function openOnLaptop(packageBytes: Buffer, at: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-laptop-'));
  const file = path.join(dir, 'package.sqlite');
  fs.writeFileSync(file, packageBytes);
  const db = await openDatabase(file);
  let now = new Date(at);
  const clock = { now: () => now, set: (iso: string) => (now = new Date(iso)) };
  const ctx = makeContext(db, dir, { error: (e) => console.error(e), info: () => undefined }, clock);
  const call = async <M extends Method>(method: M, args: Args<M>): Promise<Output<M>> => {
    const r = await dispatch(handlers, method, args, ctx);
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    return r.value as Output<M>;
  };
  return {
    db,
    dir,
    file,
    clock,
    call,
    async close() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
