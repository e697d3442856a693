import type { DocHandle } from '@marginalia/client';
export interface AppNotification {
    readonly id: number;
    readonly text: string;
}
/**
 * Notifications for what others do: the client's `summary` events, one line per author and burst
 * ("Alice added 10 highlights"). The client batches bursts (see the reader's client options), names
 * authors from the document's people directory even when they are offline, leaves out own changes
 * and never replays what loading the local copy brings back (that was news at the last visit; the
 * unread markers keep what is still unread).
 */
export declare function useNotifications(handle: Pick<DocHandle, 'on'>): {
    notifications: readonly AppNotification[];
    dismiss: (id: number) => void;
};
