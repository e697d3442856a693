/**
 * Hocuspocus 3 as users deploy it durably: its defaults plus @hocuspocus/extension-sqlite writing
 * to a file in DATA_DIR (the extension stores the whole document, debounced by Hocuspocus:
 * 2 s after the last change, at most 10 s). Run as a child process; PORT, HOST, DATA_DIR from env.
 */
import { join } from 'node:path';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');

const server = new Server({
  port: Number(process.env.PORT),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database: join(dataDir, 'hocuspocus.sqlite') })],
});
await server.listen();

process.on('SIGTERM', () => {
  server.destroy().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
