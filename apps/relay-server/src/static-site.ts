import { extname, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

const PLACEHOLDER = `<!doctype html><meta charset="utf-8"><title>Marginalia relay</title>
<h1>Marginalia relay</h1><p>The relay is running. Sync at <code>/v1/sync/&lt;doc-name&gt;</code>;
see <code>/healthz</code>, <code>/readyz</code>, <code>/metrics</code>. Build the demo app
(<code>pnpm --filter @marginalia/reader build</code>) to serve it here.</p>`;

/**
 * Serves the files of `dir` (the demo app's build) with @hono/node-server's `serveStatic` for GET
 * and HEAD requests no other route took; unknown paths without an extension get index.html
 * (client-side routing). Without `dir`: a placeholder page at `/`.
 */
export function registerStaticSite(app: Hono, dir: string | undefined): void {
  if (dir === undefined) {
    app.get('/', (c) => c.html(PLACEHOLDER));
    return;
  }
  const root = resolve(dir);
  app.use('*', serveStatic({ root }));
  const appShell = serveStatic({ root, path: 'index.html' });
  app.get('*', (c, next) => (extname(c.req.path) === '' ? appShell(c, next) : next()));
}
