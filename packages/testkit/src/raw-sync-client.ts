import WebSocket from 'ws';
import { decodeFrame, type Frame } from '@marginalia/protocol';
import { waitUntil, withTimeout } from '@marginalia/conformance';

export interface RawSyncClientOptions {
  /** Ask for durable-ack frames (`?acks=1`). */
  readonly acks?: boolean;
  readonly params?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

/** A bare WebSocket speaking frames by hand: for acks, hostile inputs and exact assertions. */
export interface RawSyncClient {
  readonly socket: WebSocket;
  /** Every frame received so far, decoded (undecodable frames are kept as `undefined`). */
  readonly frames: readonly (Frame | undefined)[];
  send(frame: Uint8Array | string): void;
  /** The first received frame (past or future) matching `match`. */
  nextFrame<T extends Frame>(match: (frame: Frame) => frame is T, timeoutMs?: number): Promise<T>;
  /** Resolves once a durable-ack with at least `count` arrived. */
  acked(count: number, timeoutMs?: number): Promise<void>;
  /** The highest durable-ack count received (0 when none). */
  ackedCount(): number;
  /** Resolves with the close code and reason once the socket is closed. */
  readonly closed: Promise<CloseInfo>;
  close(code?: number): void;
}

/** Opens `syncUrl/docName` and resolves once the socket is open (rejects on HTTP refusal). */
export async function connectRawClient(
  syncUrl: string,
  docName: string,
  options: RawSyncClientOptions = {},
): Promise<RawSyncClient> {
  const params = new URLSearchParams({ ...options.params, ...(options.acks === true ? { acks: '1' } : {}) });
  const query = params.size === 0 ? '' : `?${params.toString()}`;
  const socket = new WebSocket(`${syncUrl}/${docName}${query}`, { headers: options.headers ?? {} });
  socket.binaryType = 'nodebuffer';
  const frames: (Frame | undefined)[] = [];
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((listener) => listener());
  const subscribe = (onEvent: () => void) => {
    listeners.add(onEvent);
    return () => void listeners.delete(onEvent);
  };
  socket.on('message', (data: Buffer) => {
    frames.push(decodeOrUndefined(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    notify();
  });
  const closed = new Promise<CloseInfo>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      notify();
    });
  });
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    }),
    10_000,
    'the socket to open',
  );
  const ackedCount = (): number =>
    frames.reduce((max, frame) => (frame?.type === 'durable-ack' ? Math.max(max, frame.count) : max), 0);
  return {
    socket,
    frames,
    send: (frame) => socket.send(frame),
    async nextFrame(match, timeoutMs = 10_000) {
      let found: Frame | undefined;
      await waitUntil(
        () => (found = frames.find((frame) => frame !== undefined && match(frame))) !== undefined,
        subscribe,
        {
          timeoutMs,
          what: 'a frame',
        },
      );
      return found as never;
    },
    acked: (count, timeoutMs = 10_000) =>
      waitUntil(() => ackedCount() >= count, subscribe, { timeoutMs, what: `durable-ack ${count}` }),
    ackedCount,
    closed,
    close: (code = 1000) => socket.close(code),
  };
}

function decodeOrUndefined(bytes: Uint8Array): Frame | undefined {
  try {
    return decodeFrame(bytes);
  } catch (error) {
    if (error instanceof Error) return undefined;
    throw error;
  }
}
