import { type Highlight, type Note, type PresenceState } from '@marginalia/model';
import type { SidebarItem } from '../components/sidebar.js';
import type { Passage } from '../text/book.js';
import type { HighlightView, PeerView } from '../view-types.js';
/** Highlights placed in the book, in reading order of their passages. */
export declare function highlightViews(highlights: readonly Highlight[], passages: ReadonlyMap<string, Passage>, nameOf: (userId: string) => string, unreadIds: ReadonlySet<string>): HighlightView[];
/** Items by passage id, in the given order (highlights come sorted by creation: the newest draws on top). */
export declare function groupByPassage<T>(items: readonly T[], passageOf: (item: T) => string | undefined): Map<string, T[]>;
/** Sidebar entries: each highlight with its quote, its note's text and who is typing in it. */
export declare function sidebarItems(views: readonly HighlightView[], passages: ReadonlyMap<string, Passage>, notes: readonly Note[], peers: readonly PeerView[]): SidebarItem[];
/** A presence entry (own or another user's) as the components show it. */
export declare function peerView(key: string, state: Pick<PresenceState, 'user' | 'status' | 'typing' | 'location'>, isSelf: boolean, now: number): PeerView;
