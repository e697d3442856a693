import { writeFileSync } from 'node:fs';
import { defineConfig } from 'vite';

// Records every Yjs module that goes into the bundle, so the test can check there is one copy.
function recordYjsModules() {
  const ids = new Set();
  return {
    name: 'record-yjs-modules',
    moduleParsed(info) {
      if (/[\\/]node_modules[\\/]yjs[\\/]/.test(info.id)) ids.add(info.id);
    },
    buildEnd() {
      writeFileSync(new URL('./yjs-modules.json', import.meta.url), JSON.stringify([...ids]));
    },
  };
}

export default defineConfig({
  plugins: [recordYjsModules()],
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, minify: false },
  logLevel: 'warn',
});
