import type { HighlightView } from '../view-types.js';
export interface SidebarItem {
    readonly highlight: HighlightView;
    readonly quote: string;
    readonly note?: string;
    /** Names of people typing in this highlight's note. */
    readonly typing: readonly string[];
}
export interface Notification {
    readonly id: number;
    readonly text: string;
}
interface SidebarProps {
    readonly items: readonly SidebarItem[];
    readonly notifications: readonly Notification[];
    readonly unreadCount: number;
    readonly selectedId: string | null;
    readonly onOpen: (highlightId: string) => void;
    readonly onMarkRead: () => void;
    readonly onDismiss: (notificationId: number) => void;
}
/** Notifications, the unread count and every highlight with its note, in reading order. */
export declare function Sidebar(props: SidebarProps): import("react").JSX.Element;
export {};
