/**
 * Hocuspocus 3 with its defaults and no extensions (documents live in RAM, nothing is stored).
 * Run as a child process; PORT and HOST from env.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({
  port: Number(process.env.PORT),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
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
