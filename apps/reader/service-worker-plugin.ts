import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * Emits `sw.js` next to the built app: the template in service-worker/sw.js with the list of
 * files to precache (every emitted file plus `/`) and a version derived from that list, so a new
 * build installs a new cache and drops the old one.
 */
export function serviceWorkerPlugin(templatePath: string): Plugin {
  return {
    name: 'marginalia-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => !name.endsWith('.map') && name !== 'sw.js')
        .map((name) => `/${name}`);
      const precache = ['/', ...files.filter((name) => name !== '/index.html')];
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(templatePath, 'utf8')
        .replace('__SW_VERSION__', version)
        .replace('__SW_PRECACHE__', JSON.stringify(precache));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
