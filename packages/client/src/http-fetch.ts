/** What the client reads from an HTTP response (the WHATWG `Response` fits). */
export interface FetchResponseLike {
  readonly status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The part of `fetch` the client uses: GETs and binary POSTs with headers. `globalThis.fetch` fits. */
export type FetchLike = (
  url: string,
  init: {
    readonly method?: 'GET' | 'POST';
    readonly headers: Record<string, string>;
    readonly body?: Uint8Array<ArrayBuffer>;
    /** Given by the HTTP fallback: its requests give up after a while (a stalled proxy, a frozen relay). */
    readonly signal?: AbortSignal;
  },
) => Promise<FetchResponseLike>;

/** A request that never got an answer (no network, connection refused or reset, aborted, timed out). */
export function isNetworkFailure(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return error instanceof TypeError || name === 'AbortError' || name === 'TimeoutError';
}

/**
 * The HTTP URL of a document operation from its socket URL:
 * `ws://host/v1/sync/band-7/setlists` + `info` -> `http://host/v1/docs/band-7/setlists/info`.
 */
export function docHttpUrl(docSocketUrl: string, operation: 'info' | 'state-vector' | 'update'): URL {
  const url = new URL(docSocketUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = `${url.pathname.replace('/v1/sync/', '/v1/docs/')}/${operation}`;
  return url;
}

export const bearer = (token: string | undefined): Record<string, string> =>
  token === undefined ? {} : { authorization: `Bearer ${token}` };
