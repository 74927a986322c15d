// Exports are written by services to a temporary file (streamed, bounded memory); the
// handler hands the bytes back to the shell — which saves or downloads them — and removes it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FilePayload } from '../api/common';

export async function viaTemporaryFile(write: (file: string) => Promise<string>): Promise<FilePayload> {
  const file = path.join(os.tmpdir(), `ledger-export-${crypto.randomUUID()}.xlsx`);
  try {
    const fileName = await write(file);
    return { fileName, dataBase64: (await fs.promises.readFile(file)).toString('base64') };
  } finally {
    await fs.promises.rm(file, { force: true });
  }
}
