// Browser mode: the same API over loopback HTTP, for end-to-end tests and machines
// without a desktop shell (architecture.md, "Three doors"). Binds 127.0.0.1 only; every
// API request must carry the token printed in the URL and a Host/Origin of this server.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { Progress, Reply } from '../api/common';
import { dispatch } from '../api/dispatch';
import type { Logger } from '../api/context';
import { handlers } from '../handlers';
import { networkShareWarning } from '../../db/connection';
import { acquireDataLock } from '../main/data-lock';
import { logFile, workingDatabaseFile } from '../main/paths';
import { fileLogger, makeContext, openLedger, systemClock, type OpenLedger } from '../main/runtime';
import { startAutoBackups } from '../main/auto-backup';
import { serveStatic } from './static-files';

export interface ServerOptions {
  dataDir: string;
  staticDir: string;
  /** Default 5170 (or LEDGER_PORT); the next free port is taken when it is busy. 0 = any. */
  port?: number;
  log?: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const maxBody = 50 * 1024 * 1024;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const lock = acquireDataLock(options.dataDir);
  let ledger: OpenLedger;
  try {
    ledger = await openLedger(workingDatabaseFile(options.dataDir), { create: true });
  } catch (e) {
    lock.release();
    throw e;
  }
  const log = options.log ?? fileLogger(logFile(options.dataDir));
  const shareWarning = networkShareWarning(ledger.file);
  if (shareWarning) log.info(shareWarning);
  const stopAutoBackups = startAutoBackups(() => makeContext(ledger.db, options.dataDir, log, systemClock, ledger));
  const token = randomBytes(24).toString('base64url');
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      log.error(e);
      if (!res.headersSent) send(res, 500, { ok: false, code: 'internal', message: '程序内部错误，详情已记入日志' });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port) || !originAllowed(req.headers.origin, port)) {
      return send(res, 403, { ok: false, code: 'unauthorized', message: '拒绝访问：请求来源不是本机的台账页面' });
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, code: 'invalid', message: '不支持的请求' });
      return serveStatic(options.staticDir, url.pathname, res);
    }
    if (!tokenMatches(req.headers['x-ledger-token'], token)) {
      return send(res, 401, { ok: false, code: 'unauthorized', message: '缺少或错误的访问令牌，请使用启动时打印的完整地址打开' });
    }
    if (req.method !== 'POST') return send(res, 405, { ok: false, code: 'invalid', message: '不支持的请求' });
    let body: { method?: unknown; args?: unknown };
    try {
      const parsed: unknown = JSON.parse(await readBody(req));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as typeof body;
    } catch {
      return send(res, 400, { ok: false, code: 'invalid', message: '请求内容不是有效的 JSON' });
    }
    const method = typeof body.method === 'string' ? body.method : '';
    const ctx = makeContext(ledger.db, options.dataDir, log, systemClock, ledger);

    if (url.pathname === '/api/call') {
      return send(res, 200, await dispatch(handlers, method, body.args, ctx));
    }
    if (url.pathname === '/api/stream') {
      // Long work: progress lines, then the reply, as NDJSON. Closing the request cancels.
      const controller = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) controller.abort();
      });
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
      let lastSent = 0;
      ctx.signal = controller.signal;
      ctx.progress = (p: Progress) => {
        const now = Date.now();
        if (now - lastSent < 100 && p.done < p.total) return;
        lastSent = now;
        res.write(`${JSON.stringify({ progress: p })}\n`);
      };
      const reply: Reply<unknown> = await dispatch(handlers, method, body.args, ctx);
      res.end(`${JSON.stringify({ reply })}\n`);
      return;
    }
    return send(res, 404, { ok: false, code: 'invalid', message: '未知的接口' });
  }

  const wanted = options.port ?? (process.env.LEDGER_PORT ? Number(process.env.LEDGER_PORT) : 5170);
  try {
    port = await listen(server, wanted);
  } catch (e) {
    stopAutoBackups();
    await ledger.close();
    lock.release();
    throw e;
  }
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await stopAutoBackups();
      await ledger.close();
      lock.release();
    },
  };
}

/** Tries the wanted port, then the next ones, so a second app on the machine still starts. */
async function listen(server: http.Server, wanted: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = wanted === 0 ? 0 : wanted + attempt;
    const result = await new Promise<number | null>((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (e.code === 'EADDRINUSE' && wanted !== 0) resolve(null);
        else reject(e);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve((server.address() as { port: number }).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, '127.0.0.1');
    });
    if (result !== null) return result;
  }
  throw new Error(`端口 ${wanted}–${wanted + 49} 都被占用`);
}

function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function originAllowed(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) {
        reject(new Error('请求过大'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
