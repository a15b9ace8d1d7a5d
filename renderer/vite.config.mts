import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// The renderer is a plain web page: it knows only shared/ and reaches the main process through the
// contract (window.zonedesk in Electron, the loopback host's /api in browser mode).
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
    // No inline scripts or eval: the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
  },
});
