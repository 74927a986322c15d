// Serves the built renderer (dist/renderer) with an SPA fallback and the same strict
// Content-Security-Policy as the desktop window.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { contentSecurityPolicy } from '../main/content-security-policy';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};


export function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  const base = path.resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/'; // a malformed escape names no file: serve the app
  }
  let file = path.resolve(base, `.${decoded}`);
  // Never serve a path outside the renderer folder; unknown paths get the app (SPA routes).
  if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    file = path.join(base, 'index.html');
  }
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('界面尚未构建：请先运行 npm run build:renderer');
    return;
  }
  const isIndex = file.endsWith('index.html');
  res.writeHead(200, {
    'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  // Read in large pieces: the app's script arrives in two reads rather than twenty turns of
  // an event loop that may be busy answering the page's first calls.
  fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(res);
}
