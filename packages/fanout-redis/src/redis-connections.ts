import type { Redis } from 'ioredis';

/** `host:port` of a Redis URL, without credentials (for messages and logs). */
export function describeRedis(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  } catch (error) {
    return `an unparsable Redis URL (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Thrown by `createRedisFanout` when Redis cannot be reached at start. */
export class FanoutConnectError extends Error {
  readonly code = 'fanout_unreachable' as const;
  override readonly name = 'FanoutConnectError';
}

export interface Signal {
  readonly promise: Promise<void>;
  resolve(): void;
}

export function createSignal(): Signal {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Resolves once every connection is ready; on the first error drops them all and rejects. */
export async function connected(connections: readonly Redis[], url: string): Promise<void> {
  const cleanups: (() => void)[] = [];
  try {
    await Promise.all(
      connections.map(
        (connection) =>
          new Promise<void>((resolve, reject) => {
            connection.once('ready', resolve).once('error', reject);
            cleanups.push(() => connection.off('ready', resolve).off('error', reject));
          }),
      ),
    );
  } catch (error) {
    connections.forEach((connection) => connection.disconnect());
    const reason = error instanceof Error ? error.message : String(error);
    throw new FanoutConnectError(`cannot reach Redis at ${describeRedis(url)}: ${reason}`, { cause: error });
  } finally {
    cleanups.forEach((cleanup) => cleanup());
  }
}

/**
 * QUIT when connected (pending publishes go out first), otherwise just drop the connection; a
 * QUIT that gets no answer within `deadlineMs` (a stalled connection) drops it too.
 */
export async function quit(connection: Redis, deadlineMs: number, report: (error: Error) => void): Promise<void> {
  if (connection.status !== 'ready') return connection.disconnect();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), deadlineMs)));
  try {
    if ((await Promise.race([connection.quit(), timeout])) === 'timeout') connection.disconnect();
  } catch (error) {
    report(error as Error);
    connection.disconnect();
  } finally {
    clearTimeout(timer);
  }
}
