import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

const PLACEHOLDER = `<!doctype html><meta charset="utf-8"><title>Marginalia relay</title>
<h1>Marginalia relay</h1><p>The relay is running. Sync at <code>/v1/sync/&lt;doc-name&gt;</code>;
see <code>/healthz</code>, <code>/readyz</code>, <code>/metrics</code>. Build the demo app
(<code>pnpm --filter @marginalia/reader build</code>) to serve it here.</p>`;

/**
 * Serves the files of `dir` (the demo app's build) for GET requests no other route took; unknown
 * paths without an extension get index.html (client-side routing). Without `dir`: a placeholder.
 */
export function registerStaticSite(app: Hono, dir: string | undefined): void {
  if (dir === undefined) {
    app.get('/', (c) => c.html(PLACEHOLDER));
    return;
  }
  const root = resolve(dir);
  app.get('*', async (c) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch (error) {
      if (error instanceof URIError) return c.text('bad path', 400);
      throw error;
    }
    const file = await findFile(root, path);
    if (file === undefined) return c.notFound();
    const body = await readFile(file);
    return c.body(body, 200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  });
}

async function findFile(root: string, path: string): Promise<string | undefined> {
  const target = resolve(join(root, path));
  if (target !== root && !target.startsWith(root + sep)) return undefined;
  if (await isFile(target)) return target;
  if (await isFile(join(target, 'index.html'))) return join(target, 'index.html');
  if (extname(path) === '' && (await isFile(join(root, 'index.html')))) return join(root, 'index.html');
  return undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT' || (error as { code?: string }).code === 'ENOTDIR') return false;
    throw error;
  }
}
