import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const renderer = (file: string) => fileURLToPath(new URL(`./renderer/${file}`, import.meta.url));

/**
 * early.ts as a script of its own, ahead of the app's bundle: a few hundred bytes that ask
 * for 首页's data (features/home/prefetch.ts takes the answer over), so the server works on
 * it while the browser still loads and compiles React, antd and chart.js. Vite builds one
 * script per page, so the second entry's tag is added here.
 */
function earlyScript(): Plugin {
  return {
    name: 'ledger-early-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'early');
        if (!chunk || !html.includes('<script')) throw new Error('vite.config: the early.ts entry or the page script is missing');
        // After the Content-Security-Policy <meta>, first of the scripts.
        return html.replace('<script', `<script type="module" async crossorigin src="./${chunk.fileName}"></script>\n    <script`);
      },
    },
  };
}

// The renderer is built into dist/renderer and served by Electron (app://ledger/) or by
// the loopback server in browser mode. Relative base so both can serve it.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), earlyScript()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    rollupOptions: { input: { index: renderer('index.html'), early: renderer('early.ts') } },
  },
});
