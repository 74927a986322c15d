// The one Content-Security-Policy of the app's pages, for the desktop window (app://) and
// browser mode alike. antd writes inline styles, hence 'unsafe-inline' for styles only;
// scripts stay 'self'. No `electron` import: the loopback server uses it too.
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
