import { createClient } from '@marginalia/client';
import type { UserProfile } from './lib/user-profile.js';
export type MarginaliaClient = ReturnType<typeof createClient>;
/** The relay this page came from: the relay serves the reader, so the sync socket is same-origin. */
export declare function relayUrl(location: Pick<Location, 'protocol' | 'host'>): string;
/** A token handed over in the link (`?token=...`), kept for the tab; none when the relay runs open. */
export declare function tokenFromPage(): string | undefined;
/** One client per user and page: it holds every open document's IndexedDB copy and socket. */
export declare function createReaderClient(profile: UserProfile): MarginaliaClient;
