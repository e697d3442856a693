import { parseRelayInfo, type RelayInfo } from '@marginalia/protocol';
import { ClientError } from './client-error.js';
import { bearer, docHttpUrl, type FetchLike } from './http-fetch.js';
import type { TokenSource } from './token-source.js';

/** The relay answered an HTTP request with a status other than the one expected. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    /** The relay's `error` field (`read_only`, `doc_too_large`, ...), when the body had one. */
    readonly reason: string | undefined,
  ) {
    super(`HTTP ${status}${reason === undefined ? '' : ` ${reason}`}`);
  }
}

/** One document's HTTP endpoints on the relay (docs/api.md), with the client's token. */
export interface RelayHttp {
  /** `GET .../info`: the limits, and whether this token may write. */
  info(): Promise<RelayInfo>;
  /** `GET .../state-vector`. */
  stateVector(): Promise<Uint8Array>;
  /** `GET .../update?since=<sv>`: what the holder of `stateVector` lacks. */
  updateSince(stateVector: Uint8Array): Promise<Uint8Array>;
  /** `POST .../update`: `durable` once the relay stored it (200), `pending` when it holds it for missing dependencies (202). */
  post(update: Uint8Array): Promise<'durable' | 'pending'>;
}

/**
 * Requests carry `authorization: Bearer <token>`; a 401 asks the token source once for a fresh token and repeats
 * the request (a refresh that fails rejects with its `token_refresh_failed`). Other statuses reject with
 * HttpStatusError, network failures with the fetch's own error (a TypeError, or a TimeoutError after `timeoutMs`).
 */
export function createRelayHttp(
  docSocketUrl: string,
  fetchImpl: FetchLike,
  tokens: TokenSource,
  /** A request not answered within this long fails like a network error. */
  timeoutMs: number,
): RelayHttp {
  const request = async (
    operation: 'info' | 'state-vector' | 'update',
    init: { method?: 'POST'; query?: Record<string, string>; body?: Uint8Array },
  ): Promise<{ status: number; bytes: Uint8Array }> => {
    const url = docHttpUrl(docSocketUrl, operation);
    for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, value);
    const once = async (token: string | undefined) => {
      const response = await fetchImpl(url.toString(), {
        ...(init.method === undefined ? {} : { method: init.method }),
        headers: {
          ...bearer(token),
          ...(init.body === undefined ? {} : { 'content-type': 'application/octet-stream' }),
        },
        ...(init.body === undefined ? {} : { body: init.body.slice() }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
    };
    const token = await tokens.current();
    const first = await once(token);
    if (first.status !== 401 || !tokens.canRefresh) return first;
    return once(await tokens.refresh(token));
  };
  const expect = async (
    answer: Promise<{ status: number; bytes: Uint8Array }>,
    ok: readonly number[],
  ): Promise<{ status: number; bytes: Uint8Array }> => {
    const result = await answer;
    if (!ok.includes(result.status)) throw new HttpStatusError(result.status, reasonOf(result.bytes));
    return result;
  };
  return {
    async info() {
      const { bytes } = await expect(request('info', {}), [200]);
      try {
        return parseRelayInfo(JSON.parse(new TextDecoder().decode(bytes)));
      } catch (cause) {
        throw new ClientError('protocol_error', 'the relay sent unusable info over HTTP', { cause });
      }
    },
    async stateVector() {
      return (await expect(request('state-vector', {}), [200])).bytes;
    },
    async updateSince(stateVector) {
      return (await expect(request('update', { query: { since: toBase64Url(stateVector) } }), [200])).bytes;
    },
    async post(update) {
      const { status } = await expect(request('update', { method: 'POST', body: update }), [200, 202]);
      return status === 200 ? 'durable' : 'pending';
    },
  };
}

function reasonOf(body: Uint8Array): string | undefined {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(body)) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

/** base64url without padding (what the relay's `since` expects). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
