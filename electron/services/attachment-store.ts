// Attachments live in the data folder by content hash (attachments/ab/abcdef…), so the same
// photo uploaded twice is stored once; the database row keeps the original name.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function attachmentPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256);
}

export function storeAttachment(dataDir: string, bytes: Buffer): { sha256: string; size: number } {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = attachmentPath(dataDir, sha256);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves a half-written file under its hash.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  }
  return { sha256, size: bytes.length };
}

export function readAttachment(dataDir: string, sha256: string): Buffer {
  return fs.readFileSync(attachmentPath(dataDir, sha256));
}
