import { writeFileSync } from 'node:fs';
import { defineConfig } from 'vite';

// Records every Yjs module that goes into the bundle, so the test can check there is one copy, and
// the folder of every package a module comes from, so it can check the editor bindings are in it, each
// package once.
function recordModules() {
  const yjs = new Set();
  const packages = new Set();
  return {
    name: 'record-modules',
    moduleParsed(info) {
      if (/[\\/]node_modules[\\/]yjs[\\/]/.test(info.id)) yjs.add(info.id);
      // Ids starting with \0 are plugins' virtual modules (CommonJS proxies of the same files).
      const folder = info.id.startsWith('\0')
        ? undefined
        : /^.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+/.exec(info.id)?.[0];
      if (folder !== undefined) packages.add(folder);
    },
    buildEnd() {
      writeFileSync(new URL('./yjs-modules.json', import.meta.url), JSON.stringify([...yjs]));
      writeFileSync(new URL('./bundled-packages.json', import.meta.url), JSON.stringify([...packages].sort()));
    },
  };
}

export default defineConfig({
  plugins: [recordModules()],
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, minify: false },
  logLevel: 'warn',
});
