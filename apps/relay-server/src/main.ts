import { readServeOptions, SERVE_USAGE } from './serve-options.js';
import { createProgramLogger } from './program-logger.js';
import { serveRelay } from './serve.js';
import { runTokenCommand } from './token-command.js';

const USAGE = `usage: marginalia-relay serve [options]   run the relay (see --help)
       marginalia-relay token --user U --doc PATTERN [--read-only] [--ttl 1h]   mint a token`;

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
};

/** The program: the only place that reads process.env and installs signal handlers. */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'token') return runTokenCommand(args, process.env, io);
  if (command !== 'serve') {
    io.stderr(`${USAGE}\n`);
    return command === undefined || command === '--help' ? 0 : 2;
  }
  if (args.includes('--help')) {
    io.stdout(`${SERVE_USAGE}\n`);
    return 0;
  }
  let options;
  try {
    options = readServeOptions(args, process.env);
  } catch (error) {
    io.stderr(`marginalia-relay serve: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const logger = createProgramLogger(options.logLevel);
  const running = await serveRelay(options, logger);
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      logger.info({ signal }, 'shutting down');
      running.close().then(
        () => resolve(0),
        (error: unknown) => {
          logger.error({ error: String(error) }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'fatal', error: String(error) })}\n`,
    );
    process.exitCode = 1;
  },
);
