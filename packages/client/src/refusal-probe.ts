import { bearer, docHttpUrl, isNetworkFailure, type FetchLike } from './http-fetch.js';

export type { FetchLike } from './http-fetch.js';

/**
 * What repeating the admission over HTTP says about a socket that could not open:
 * - `{ closeCode }`: the relay refuses this client too (the close code equivalent to its HTTP status);
 * - `admitted`: the relay lets this client in, so whatever refused the upgrade was not the relay (a proxy
 *   that blocks websockets): retry, and sync over HTTP meanwhile (http-fallback.ts);
 * - `unreachable`: no answer over HTTP either (no network, refused, timed out): the refusal cannot be confirmed;
 * - `unknown`: nothing to learn (a 404 for a doc that may not exist yet, a 5xx).
 */
export type ProbeVerdict = { readonly closeCode: number } | 'admitted' | 'unreachable' | 'unknown';

/** Asks the relay over HTTP why a websocket could not open. */
export type RefusalProbe = (token: string | undefined) => Promise<ProbeVerdict>;

const STATUS_TO_CLOSE: Readonly<Record<number, number>> = { 400: 4400, 401: 4401, 403: 4403, 413: 4413, 429: 4429 };

/**
 * A browser reports a refused upgrade (HTTP 401, 403, 429 ... before the websocket opened) only as close
 * 1006, the same as "relay down"; in Node a proxy's 403 looks like the relay's. This probe repeats the
 * admission with a cheap authorized GET of the document's state vector, so the client can tell a revoked
 * token from an outage, and the relay's refusal from a proxy's.
 */
export function createRefusalProbe(docSocketUrl: string, fetchImpl: FetchLike, timeoutMs: number): RefusalProbe {
  const url = docHttpUrl(docSocketUrl, 'state-vector').toString();
  return async (token) => {
    try {
      const { status } = await fetchImpl(url, { headers: bearer(token), signal: AbortSignal.timeout(timeoutMs) });
      if (status >= 200 && status < 300) return 'admitted';
      const closeCode = STATUS_TO_CLOSE[status];
      return closeCode === undefined ? 'unknown' : { closeCode };
    } catch (error) {
      if (isNetworkFailure(error)) return 'unreachable';
      throw error;
    }
  };
}
