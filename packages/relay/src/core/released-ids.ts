/** How long a client id stays reserved for its user after its owner left (auth on). */
export const DEFAULT_RELEASED_ID_MS = 30_000;

/**
 * Client ids whose owning connection left, with that connection's user: for a while only the
 * same user may take them again, so that a connection of another user cannot squat a presence
 * id while its owner reconnects. Open mode has no users and reserves nothing.
 */
export interface ReleasedIds {
  /** The id's owner (of `user`, if any) left. */
  release(clientID: number, user: string | undefined): void;
  /** Whether a connection of `user` may take the id now. */
  allows(clientID: number, user: string | undefined): boolean;
  /** Taken again: no longer reserved. */
  taken(clientID: number): void;
}

export function createReleasedIds(options: { readonly ms?: number; readonly now: () => number }): ReleasedIds {
  const ms = options.ms ?? DEFAULT_RELEASED_ID_MS;
  const released = new Map<number, { readonly user: string; readonly at: number }>();
  const prune = (): void => {
    const now = options.now();
    for (const [clientID, record] of released) if (now - record.at >= ms) released.delete(clientID);
  };
  return {
    release(clientID, user) {
      if (user === undefined) return;
      if (released.size >= 1024) prune();
      released.set(clientID, { user, at: options.now() });
    },
    allows(clientID, user) {
      const reserved = released.get(clientID);
      return reserved === undefined || options.now() - reserved.at >= ms || reserved.user === user;
    },
    taken: (clientID) => void released.delete(clientID),
  };
}
