import type { Plugin } from 'vite';
/**
 * Emits `sw.js` next to the built app: the template in service-worker/sw.js with the list of
 * files to precache (every emitted file plus `/`) and a version derived from that list, so a new
 * build installs a new cache and drops the old one.
 */
export declare function serviceWorkerPlugin(templatePath: string): Plugin;
