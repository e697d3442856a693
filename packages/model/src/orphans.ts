import * as Y from 'yjs';
import { resolveAnchor } from './resolve-anchor.js';
import { byCreation, readHighlight, readNote, type Highlight, type Note, type Tombstone } from './records.js';
import type { ResolvedAnchor, StoredAnchor } from './anchor-types.js';
import type { ModelContext } from './model-context.js';

/**
 * Why a note has no highlight: its highlight was deleted, it was unlinked, it never had one, or its highlight now
 * points at another note (two people added a note to one highlight concurrently: the highlight keeps one link).
 */
export type OrphanNoteReason = 'highlight_deleted' | 'unlinked' | 'never_linked' | 'displaced';

/** A note whose highlight is gone, with what it was about (re-attach with `notes.link`, or `notes.delete` it). */
export interface OrphanNote {
  readonly kind: 'note';
  readonly note: Note;
  readonly reason: OrphanNoteReason;
  /** The highlight it was on, and its words and anchor at the time (absent for `never_linked`). */
  readonly highlightId?: string;
  readonly quote?: string;
  readonly anchor?: StoredAnchor;
  /** Who deleted the highlight, and when (from its tombstone). */
  readonly deletedBy?: string;
  readonly deletedAt?: number;
}

/** A text highlight whose words were all deleted (`collapsed`) or whose text node was removed. */
export interface OrphanHighlight {
  readonly kind: 'highlight';
  readonly highlight: Highlight;
  readonly resolved: ResolvedAnchor;
  /** The words it covered when made (`highlight.quote`). */
  readonly quote?: string;
}

export interface Orphans {
  /** Notes without a live highlight, oldest first. */
  notes(): OrphanNote[];
  /** Highlights that no longer cover any text (re-anchor with `highlights.update(id, { anchor })`, or delete). */
  highlights(): OrphanHighlight[];
  count(): number;
  /** Called after transactions that touched highlights, notes or text. Returns the unsubscribe function. */
  observe(listener: () => void): () => void;
}

const isGone = (resolved: ResolvedAnchor): boolean =>
  resolved.kind !== 'ref' &&
  (resolved.status === 'collapsed' || (resolved.status === 'orphaned' && resolved.reason === 'removed'));

const aboutOf = (note: Note): { quote?: string; anchor?: StoredAnchor } => ({
  ...(note.about?.quote !== undefined ? { quote: note.about.quote } : {}),
  ...(note.about?.anchor !== undefined ? { anchor: note.about.anchor } : {}),
});

export const createOrphans = (ctx: ModelContext): Orphans => {
  const { roots, doc } = ctx;
  const liveHighlight = (id: string | undefined): boolean =>
    id !== undefined && roots.highlights.get(id) instanceof Y.Map;

  const notes = (): OrphanNote[] => {
    const out: OrphanNote[] = [];
    for (const map of roots.notes.values()) {
      if (!(map instanceof Y.Map)) continue;
      const note = readNote(map);
      if (liveHighlight(note.highlightId)) {
        const linked = (roots.highlights.get(note.highlightId!) as Y.Map<unknown>).get('noteId');
        if (linked === note.id || linked === undefined) continue;
        out.push({ kind: 'note', note, reason: 'displaced', highlightId: note.highlightId!, ...aboutOf(note) });
        continue;
      }
      const highlightId = note.highlightId ?? note.about?.highlightId;
      const tombstone =
        highlightId === undefined ? undefined : (roots.tombstones.get(highlightId) as Tombstone | undefined);
      const reason: OrphanNoteReason =
        tombstone !== undefined || note.highlightId !== undefined
          ? 'highlight_deleted'
          : highlightId !== undefined
            ? 'unlinked'
            : 'never_linked';
      out.push({
        kind: 'note',
        note,
        reason,
        ...(highlightId !== undefined ? { highlightId } : {}),
        ...aboutOf(note),
        ...(tombstone !== undefined ? { deletedBy: tombstone.by, deletedAt: tombstone.at } : {}),
      });
    }
    return out.sort((a, b) => byCreation(a.note, b.note));
  };

  const highlights = (): OrphanHighlight[] => {
    const out: OrphanHighlight[] = [];
    for (const map of roots.highlights.values()) {
      if (!(map instanceof Y.Map)) continue;
      const highlight = readHighlight(map);
      if (highlight.anchor?.kind !== 'text' && highlight.anchor?.kind !== 'mark') continue;
      const resolved = resolveAnchor(doc, highlight.anchor);
      if (isGone(resolved))
        out.push({
          kind: 'highlight',
          highlight,
          resolved,
          ...(highlight.quote !== undefined ? { quote: highlight.quote } : {}),
        });
    }
    return out.sort((a, b) => byCreation(a.highlight, b.highlight));
  };

  return {
    notes,
    highlights,
    count: () => notes().length + highlights().length,
    observe: (listener) => {
      const handler = (tx: Y.Transaction): void => {
        if (tx.changed.size > 0) listener();
      };
      doc.on('afterTransaction', handler);
      return () => doc.off('afterTransaction', handler);
    },
  };
};
