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
  },
) => Promise<FetchResponseLike>;

/** A request that never got an answer (no network, connection refused or reset, aborted). */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError || (error as { name?: string } | null)?.name === 'AbortError';
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
