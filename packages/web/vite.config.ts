import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Cross-origin isolation (COOP + COEP) makes SharedArrayBuffer available, which the threaded
// kernels will need; set for both the dev server and `vite preview`.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolation },
  preview: { headers: isolation, port: 4173 },
  worker: { format: 'es' },
  // The workspace packages load core.wasm through new URL(…, import.meta.url): keep them out of
  // dependency pre-bundling so that URL still points next to the module.
  optimizeDeps: { exclude: ['@glassbox/core-wasm', '@glassbox/model'] },
  build: {
    target: 'es2022',
    // Never inline the wasm, nor the core's thread worker script, as a data: URL; serve them as
    // hashed files (a data: worker has an opaque origin, outside the page's isolation).
    assetsInlineLimit: (file: string) =>
      file.endsWith('.wasm') || file.endsWith('thread-worker.js') ? false : undefined,
  },
});
