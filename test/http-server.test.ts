// Browser mode's loopback transport: token, Host and Origin checks, one lock per data
// folder, and the same dispatcher behind it.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../electron/http/server';

const servers: RunningServer[] = [];
const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-static-'));
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>教育联盟台账</title>');

afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function start(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-http-'))) {
  const s = await startServer({ dataDir, staticDir, port: 0 });
  servers.push(s);
  return { s, dataDir };
}

/** A raw request, so Host and Origin can be set the way a hostile page would. */
function request(port: number, options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const apiCall = (port: number, token: string, method: string, args: unknown, headers: Record<string, string> = {}) =>
  request(port, {
    path: '/api/call',
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': token, ...headers },
    body: JSON.stringify({ method, args }),
  });

describe('browser mode server', () => {
  it('binds to 127.0.0.1 and prints a URL with a token', async () => {
    const { s } = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('serves the page with a strict Content-Security-Policy', async () => {
    const { s } = await start();
    const r = await request(s.port, { path: '/', headers: { Host: `127.0.0.1:${s.port}` } });
    expect(r.status).toBe(200);
    expect(r.body).toContain('教育联盟台账');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    const escape = await request(s.port, { path: '/../../etc/passwd', headers: { Host: `127.0.0.1:${s.port}` } });
    expect(escape.body).not.toContain('root:');
  });

  it('answers API calls that carry the token', async () => {
    const { s } = await start();
    const r = await apiCall(s.port, s.token, 'system.stats', {});
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { schools: 0 } });
    const bad = await apiCall(s.port, s.token, 'schools.create', { name: '' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { name: '请填写学校名称' } });
  });

  it('refuses calls without the token, or with a wrong one', async () => {
    const { s } = await start();
    expect((await apiCall(s.port, '', 'system.stats', {})).status).toBe(401);
    const wrong = await apiCall(s.port, `${s.token}x`, 'system.stats', {});
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).message).toContain('访问令牌');
  });

  it('refuses a foreign Host (DNS rebinding) or Origin (another site) even with the token', async () => {
    const { s } = await start();
    expect((await apiCall(s.port, s.token, 'system.stats', {}, { Host: `evil.example:${s.port}` })).status).toBe(403);
    expect((await apiCall(s.port, s.token, 'system.stats', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await apiCall(s.port, s.token, 'system.stats', {}, { Origin: `http://127.0.0.1:${s.port}` })).status).toBe(200);
  });

  it('keeps a second server off the same data folder', async () => {
    const { dataDir } = await start();
    await expect(startServer({ dataDir, staticDir, port: 0 })).rejects.toThrow('正在使用此数据文件夹');
  });

  it('takes the next port when the wanted one is busy', async () => {
    const { s } = await start();
    const other = await startServer({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-http-')), staticDir, port: s.port });
    servers.push(other);
    expect(other.port).toBeGreaterThan(s.port);
  });

  it('streams the progress of long work and cancels it when the page lets go', async () => {
    const { s } = await start();
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: s.port,
          path: '/api/stream',
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': s.token },
        },
        (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            lines.push(...chunk.split('\n').filter(Boolean));
            // The first progress line is enough: the clerk presses 取消.
            if (lines.some((l) => l.includes('"progress"'))) {
              req.destroy();
              resolve();
            }
          });
          res.on('end', () => reject(new Error(`finished before any progress: ${lines.join('\n')}`)));
        },
      );
      req.on('error', () => undefined);
      req.end(JSON.stringify({ method: 'sample.load', args: { scale: 'county' } }));
    });
    expect(JSON.parse(lines[0]!)).toMatchObject({ progress: { phase: expect.any(String) } });
    // The load rolls back: once it has, the ledger is still empty.
    const stats = JSON.parse((await apiCall(s.port, s.token, 'system.stats', {})).body);
    expect(stats).toMatchObject({ ok: true, value: { schools: 0, alliances: 0, activities: 0 } });
  });

  it('rejects a body that is not JSON', async () => {
    const { s } = await start();
    const r = await request(s.port, {
      path: '/api/call',
      method: 'POST',
      headers: { 'X-Ledger-Token': s.token, Host: `127.0.0.1:${s.port}` },
      body: '{oops',
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).message).toBe('请求内容不是有效的 JSON');
    for (const body of ['null', '[]', '"schools.list"']) {
      const odd = await request(s.port, {
        path: '/api/call',
        method: 'POST',
        headers: { 'X-Ledger-Token': s.token, Host: `127.0.0.1:${s.port}` },
        body,
      });
      expect(odd.status).toBe(400);
    }
  });

  it('serves the app for a malformed path instead of failing', async () => {
    const { s } = await start();
    const r = await request(s.port, { path: '/%E0%A4%A', headers: { Host: `127.0.0.1:${s.port}` } });
    expect(r.status).toBe(200);
    expect(r.body).toContain('教育联盟台账');
  });
});
