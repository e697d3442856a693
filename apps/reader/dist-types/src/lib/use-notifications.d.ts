import type { DocHandle } from '@marginalia/client';
export interface AppNotification {
    readonly id: number;
    readonly text: string;
}
/**
 * Notifications for what others do, batched by burst: ten highlights added in a row become one
 * "Alice added 10 highlights". Own changes never notify, and neither does loading the local copy
 * (those changes were news at the last visit; the unread markers keep what is still unread).
 */
export declare function useNotifications(handle: Pick<DocHandle, 'model' | 'whenLoaded'>, nameOf: (userId: string) => string | undefined): {
    notifications: readonly AppNotification[];
    dismiss: (id: number) => void;
};
