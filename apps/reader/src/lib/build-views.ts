import { isTyping, type Highlight, type Note, type PresenceState } from '@marginalia/model';
import type { SidebarItem } from '../components/sidebar.js';
import type { Passage } from '../text/book.js';
import type { HighlightView, PeerView } from '../view-types.js';
import { passageRangeOf } from './book-anchors.js';

/** Highlights placed in the book, in reading order of their passages. */
export function highlightViews(
  highlights: readonly Highlight[],
  passages: ReadonlyMap<string, Passage>,
  nameOf: (userId: string) => string,
  unreadIds: ReadonlySet<string>,
): HighlightView[] {
  const order = new Map([...passages.keys()].map((id, i) => [id, i]));
  const views: HighlightView[] = [];
  for (const h of highlights) {
    const range = passageRangeOf(h, passages);
    if (range === null) continue;
    const unread = unreadIds.has(h.id) || (h.noteId !== undefined && unreadIds.has(h.noteId));
    views.push({
      id: h.id,
      ...range,
      color: h.color,
      noteId: h.noteId,
      createdBy: nameOf(h.createdBy),
      createdAt: h.createdAt,
      unread,
    });
  }
  // Reading order for the sidebar; within a passage, by position.
  return views.sort((a, b) => order.get(a.passageId)! - order.get(b.passageId)! || a.start - b.start);
}

/** Items by passage id, in the given order (highlights come sorted by creation: the newest draws on top). */
export function groupByPassage<T>(items: readonly T[], passageOf: (item: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const id = passageOf(item);
    if (id === undefined) continue;
    const list = map.get(id) ?? [];
    list.push(item);
    map.set(id, list);
  }
  return map;
}

/** Sidebar entries: each highlight with its quote, its note's text and who is typing in it. */
export function sidebarItems(
  views: readonly HighlightView[],
  passages: ReadonlyMap<string, Passage>,
  notes: readonly Note[],
  peers: readonly PeerView[],
  extra: {
    readonly unreadFor: (highlightId: string) => number;
    readonly editorsOf: (noteId: string) => readonly string[];
  },
): SidebarItem[] {
  const byId = new Map(notes.map((n) => [n.id, n]));
  return views.map((highlight) => {
    const note = highlight.noteId === undefined ? undefined : byId.get(highlight.noteId);
    return {
      highlight,
      quote: passages.get(highlight.passageId)!.text.slice(highlight.start, highlight.end),
      note: note?.body,
      tags: note?.tags ?? [],
      editedBy: note === undefined ? [] : extra.editorsOf(note.id),
      unreadCount: extra.unreadFor(highlight.id),
      typing: peers
        .filter((p) => !p.isSelf && p.typingIn !== undefined && p.typingIn === highlight.noteId)
        .map((p) => p.name),
    };
  });
}

/** A presence entry (own or another user's) as the components show it. */
export function peerView(
  key: string,
  state: Pick<PresenceState, 'user' | 'status' | 'typing' | 'location'>,
  isSelf: boolean,
  now: number,
): PeerView {
  return {
    key,
    name: state.user.name,
    color: state.user.color,
    status: state.status,
    typingIn: state.typing !== undefined && isTyping(state, now) ? state.typing.noteId : undefined,
    location: state.location?.ref,
    locationLabel: state.location?.label,
    isSelf,
  };
}
