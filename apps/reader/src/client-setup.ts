import { createClient } from '@marginalia/client';
import type { UserProfile } from './lib/user-profile.js';

export type MarginaliaClient = ReturnType<typeof createClient>;

/** The relay this page came from: the relay serves the reader, so the sync socket is same-origin. */
export function relayUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

/** A token handed over in the link (`?token=...`), kept for the tab; none when the relay runs open. */
export function tokenFromPage(): string | undefined {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) sessionStorage.setItem('marginalia.token', fromUrl);
  return fromUrl ?? sessionStorage.getItem('marginalia.token') ?? undefined;
}

/** One client per user and page: it holds every open document's IndexedDB copy and socket. */
export function createReaderClient(profile: UserProfile): MarginaliaClient {
  const token = tokenFromPage();
  return createClient({
    url: relayUrl(window.location),
    ...(token !== undefined ? { token } : {}),
    user: { id: profile.id, name: profile.name, color: profile.color },
    // Notifications: a burst ends after 0.8 s of quiet, and nonstop activity is reported every 3 s.
    summaryQuietMs: 800,
    summaryMaxHoldMs: 3000,
    // Behind a proxy that blocks websockets: others' changes within 5 s while idle, the socket retried every 5 s.
    httpFallback: { maxPollMs: 5000, socketRetryMs: 5000 },
  });
}
