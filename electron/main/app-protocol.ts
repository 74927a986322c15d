// The renderer is served from a private scheme, app://ledger/, out of dist/renderer —
// never from file:// (which would give the page every local file as its origin) and never
// from the network. Being 'standard' and 'secure' gives the page a real origin for CSP
// 'self' and for the IPC sender check.
import fs from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';

export const appScheme = 'app';
export const appHost = 'ledger';
export const appOrigin = `${appScheme}://${appHost}`;
export const appUrl = `${appOrigin}/`;

/** Is this URL one of the app's own pages? Anything unparsable is not. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${appScheme}:` && u.host === appHost && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export function serveRenderer(rendererDir: string, headers: Record<string, string> = {}): void {
  protocol.handle(appScheme, (request) => rendererResponse(rendererDir, request.url, headers));
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export async function rendererResponse(
  rendererDir: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const target = rendererFile(rendererDir, url);
  if (target.kind === 'refused') return new Response('禁止访问', { status: 403, headers: plain(headers) });
  if (target.kind === 'missing') return new Response('未找到', { status: 404, headers: plain(headers) });
  try {
    const body = await fs.promises.readFile(target.file);
    const type = contentTypes[path.extname(target.file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' },
    });
  } catch {
    return new Response('未找到', { status: 404, headers: plain(headers) });
  }
}

function plain(headers: Record<string, string>): Record<string, string> {
  return { ...headers, 'Content-Type': 'text/plain; charset=utf-8' };
}

export type RendererFile = { kind: 'file'; file: string } | { kind: 'missing' } | { kind: 'refused' };

/**
 * Maps an app:// URL to a file in the renderer folder. Paths that are not files fall back
 * to index.html so that the router's URLs (app://ledger/reminders?…) survive a reload;
 * a missing asset (anything with an extension) is a 404; anything resolving outside the
 * folder is refused.
 */
export function rendererFile(rendererDir: string, url: string): RendererFile {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: 'refused' };
  }
  if (u.protocol !== `${appScheme}:` || u.host !== appHost) return { kind: 'refused' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return { kind: 'refused' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'refused' };
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname}`);
  const relative = path.relative(root, file);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return { kind: 'refused' };
  if (relative !== '' && isFile(file)) return { kind: 'file', file };
  if (path.extname(file) !== '') return { kind: 'missing' };
  const index = path.join(root, 'index.html');
  return isFile(index) ? { kind: 'file', file: index } : { kind: 'missing' };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
