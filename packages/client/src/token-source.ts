import { ClientError } from './client-error.js';

/** Where connections get their token; shared by every document of a client. */
export interface TokenSource {
  /** The token to connect with (asks `getToken()` the first time when no static token was given). */
  current(): Promise<string | undefined>;
  /**
   * A fresh token after `stale` was refused. Concurrent calls for the same stale token share one
   * `getToken()` call. Rejects with `token_refresh_failed` when there is no `getToken` or it fails.
   */
  refresh(stale: string | undefined): Promise<string>;
  readonly canRefresh: boolean;
}

export function createTokenSource(
  token: string | undefined,
  getToken: (() => string | Promise<string>) | undefined,
): TokenSource {
  let value = token;
  let inFlight: Promise<string> | undefined;

  const fetchToken = (): Promise<string> => {
    if (getToken === undefined) {
      return Promise.reject(
        new ClientError('token_refresh_failed', 'the token was refused and no getToken() was given'),
      );
    }
    inFlight ??= (async () => {
      try {
        const fresh = await getToken();
        if (typeof fresh !== 'string' || fresh === '') throw new Error('getToken() returned no token');
        value = fresh;
        return fresh;
      } catch (cause) {
        throw new ClientError('token_refresh_failed', `getToken() failed: ${String(cause)}`, { cause });
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  return {
    async current() {
      if (value === undefined && getToken !== undefined) return fetchToken();
      return value;
    },
    refresh(stale) {
      if (inFlight !== undefined) return inFlight;
      if (value !== undefined && value !== stale) return Promise.resolve(value);
      return fetchToken();
    },
    get canRefresh() {
      return getToken !== undefined;
    },
  };
}
