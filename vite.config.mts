import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built into dist/renderer and served by Electron (app://ledger/) or by
// the loopback server in browser mode. Relative base so both can serve it.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
  },
});
