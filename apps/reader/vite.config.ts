import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { workspaceSourceResolve } from '../../.config/workspace-sources.mjs';
import { serviceWorkerPlugin } from './service-worker-plugin.js';

const relay = process.env.MARGINALIA_RELAY ?? 'http://127.0.0.1:8787';

// `vite build` writes apps/reader/dist, which the relay serves in `pnpm start`.
// `vite` (dev) proxies the relay's sync socket and HTTP API to a relay on :8787.
export default defineConfig({
  plugins: [react(), serviceWorkerPlugin(fileURLToPath(new URL('./service-worker/sw.js', import.meta.url)))],
  // Workspace packages are bundled from their TypeScript sources (their `exports` name dist/).
  resolve: workspaceSourceResolve,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // The reader, its rich-text mode (editor.html: Tiptap on a shared document, highlights in the margin)
    // and its code mode (code.html: CodeMirror 6 on a shared Y.Text, the same margin).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        editor: fileURLToPath(new URL('./editor.html', import.meta.url)),
        code: fileURLToPath(new URL('./code.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/v1': { target: relay, ws: true },
      '/healthz': relay,
    },
  },
});
