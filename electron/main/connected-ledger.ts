// Opening the ledger the data folder's connection settings name: the local file (or the
// 督导包 open as the working database), or the saved PostgreSQL server with its
// safeStorage-encrypted password (or PGPASSWORD). When the server cannot be used at start, the local file opens instead and the reason is kept for
// 设置 → 数据库连接 and the start-up notice, so the clerk is never left without an app.
import type { Logger } from '../api/context';
import type { ConnectionState } from '../handlers/context';
import { describeConnectionError } from '../../db/connection-check';
import { describeConnection, postgresUrl, readConnection, storedPassword, type SecretStore } from './connection-settings';
import { workingDatabaseFile } from './paths';
import { openLedger, type OpenLedger } from './runtime';

export async function openConfiguredLedger(dir: string, secrets: SecretStore | null, log: Logger): Promise<OpenLedger> {
  const saved = readConnection(dir);
  const state: ConnectionState = { secrets, passwordSource: 'none', startupProblem: null };
  if (saved.kind === 'postgres') {
    const stored = storedPassword(saved, secrets);
    state.passwordSource = stored ? 'stored' : process.env.PGPASSWORD ? 'env' : 'none';
    try {
      return await openLedger(postgresUrl(saved, stored), {}, state);
    } catch (e) {
      state.passwordSource = 'none';
      state.startupProblem = `无法使用已保存的数据库连接（${describeConnection(saved, dir)}）：${describeConnectionError(e, saved)}本次已改为打开本机文件；请在“设置 → 数据库连接”中检查后重新保存。`;
      log.info(state.startupProblem);
    }
  }
  // The local file: the ledger, or the 督导包 open on this laptop (paths.ts).
  return openLedger(workingDatabaseFile(dir), { create: true }, state);
}
