/** Asks the relay over HTTP why a websocket could not open; resolves with the equivalent close code, if any. */
export type RefusalProbe = (token: string | undefined) => Promise<number | undefined>;

export type FetchLike = (url: string, init: { headers: Record<string, string> }) => Promise<{ status: number }>;

const STATUS_TO_CLOSE: Readonly<Record<number, number>> = { 400: 4400, 401: 4401, 403: 4403, 413: 4413, 429: 4429 };

/**
 * A browser reports a refused upgrade (HTTP 401, 403, 429 ... before the websocket opened) only as close
 * 1006, the same as "relay down". This probe repeats the admission with a cheap authorized GET of the
 * document's state vector, so the client can tell a revoked token from an outage. 404 and network errors
 * mean "nothing to learn" (a doc may not exist yet; the relay may be down).
 */
export function createRefusalProbe(docSocketUrl: string, fetchImpl: FetchLike): RefusalProbe {
  const url = new URL(docSocketUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = `${url.pathname.replace('/v1/sync/', '/v1/docs/')}/state-vector`;
  return async (token) => {
    try {
      const response = await fetchImpl(url.toString(), {
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      });
      return STATUS_TO_CLOSE[response.status];
    } catch (error) {
      if (error instanceof TypeError || (error as { name?: string }).name === 'AbortError') return undefined;
      throw error;
    }
  };
}
