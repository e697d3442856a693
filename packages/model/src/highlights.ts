import * as Y from 'yjs';
import { encodeAnchor } from './anchor.js';
import { resolveAnchor } from './resolve-anchor.js';
import { assertHighlightColor, DEFAULT_HIGHLIGHT_COLOR, type HighlightColor } from './colors.js';
import { ModelError } from './model-error.js';
import { byCreation, readHighlight, stamp, writeTombstone, type Highlight } from './records.js';
import { setLink } from './links.js';
import { checkQuote, quoteOf } from './note-about.js';
import { applyHighlightMark, removeHighlightMark } from './highlight-mark.js';
import { existingFragment } from './text-field.js';
import type { AnchorInput, ResolvedAnchor, StoredAnchor } from './anchor-types.js';
import type { ModelContext } from './model-context.js';

export interface CreateHighlightInput {
  readonly anchor: AnchorInput;
  readonly color?: HighlightColor;
  readonly noteId?: string;
  /** The covered words, kept for when they are gone (read from the doc for text anchors; give it for ref anchors). */
  readonly quote?: string;
}

/** Fields to change; `noteId: null` unlinks the note. Each field is its own map key, so concurrent edits of different fields both survive. */
export interface HighlightPatch {
  readonly color?: HighlightColor;
  readonly anchor?: AnchorInput;
  readonly noteId?: string | null;
  /** The covered words of a new ref anchor (text anchors read theirs from the doc). */
  readonly quote?: string;
}

export interface Highlights {
  create(input: CreateHighlightInput): Highlight;
  update(id: string, patch: HighlightPatch): Highlight;
  delete(id: string): void;
  get(id: string): Highlight | undefined;
  has(id: string): boolean;
  list(): Highlight[];
  /** Where the highlight's anchor points now (see ResolvedAnchor). */
  resolve(id: string): ResolvedAnchor;
  /** Called after every transaction that changed any highlight. Returns the unsubscribe function. */
  observe(listener: () => void): () => void;
}

export const createHighlights = (ctx: ModelContext): Highlights => {
  const { roots, doc } = ctx;
  const mapOf = (id: string): Y.Map<unknown> => {
    const map = roots.highlights.get(id);
    if (!(map instanceof Y.Map))
      throw new ModelError('unknown_highlight', `no highlight ${JSON.stringify(id)}`, { id });
    return map;
  };

  /** A mark anchor's mark goes into the fragment in the same transaction as the record. */
  const placeMark = (input: AnchorInput, id: string): void => {
    if (input.kind === 'mark') applyHighlightMark(doc.getXmlFragment(input.field), input.start, input.end, id);
  };
  const clearMark = (anchor: StoredAnchor | undefined): void => {
    const fragment = anchor?.kind === 'mark' ? existingFragment(doc, anchor.field) : undefined;
    if (fragment !== undefined && anchor?.kind === 'mark') removeHighlightMark(fragment, anchor.id);
  };

  const create = (input: CreateHighlightInput): Highlight => {
    const color = assertHighlightColor(input.color ?? DEFAULT_HIGHLIGHT_COLOR);
    const id = ctx.createId();
    const anchor = encodeAnchor(doc, input.anchor, id);
    if (input.noteId !== undefined && !(roots.notes.get(input.noteId) instanceof Y.Map)) {
      throw new ModelError('unknown_note', `no note ${JSON.stringify(input.noteId)}`, { id: input.noteId });
    }
    ctx.transact(() => {
      placeMark(input.anchor, id);
      // After the mark: a mark anchor's words are read through it.
      const quote = quoteOf(doc, anchor, checkQuote(input.quote));
      const map = new Y.Map<unknown>();
      const at = ctx.now();
      roots.highlights.set(id, map);
      for (const [key, value] of Object.entries({ id, anchor, color, createdBy: ctx.user.id, createdAt: at }))
        map.set(key, value);
      if (quote !== undefined) map.set('quote', quote);
      stamp(map, ctx.user.id, at);
      if (input.noteId !== undefined) setLink(ctx, id, input.noteId);
    });
    return readHighlight(mapOf(id));
  };

  const update = (id: string, patch: HighlightPatch): Highlight => {
    const map = mapOf(id);
    const color = patch.color === undefined ? undefined : assertHighlightColor(patch.color);
    const anchor = patch.anchor === undefined ? undefined : encodeAnchor(doc, patch.anchor, id);
    if (typeof patch.noteId === 'string' && !(roots.notes.get(patch.noteId) instanceof Y.Map)) {
      throw new ModelError('unknown_note', `no note ${JSON.stringify(patch.noteId)}`, { id: patch.noteId });
    }
    ctx.transact(() => {
      if (color !== undefined && map.get('color') !== color) map.set('color', color);
      if (anchor !== undefined && patch.anchor !== undefined) {
        clearMark(map.get('anchor') as StoredAnchor | undefined);
        placeMark(patch.anchor, id);
        map.set('anchor', anchor);
        const quote = quoteOf(doc, anchor, checkQuote(patch.quote));
        if (quote !== undefined) map.set('quote', quote);
        else map.delete('quote');
      }
      if (patch.noteId !== undefined) setLink(ctx, id, patch.noteId);
      stamp(map, ctx.user.id, ctx.now());
    });
    return readHighlight(map);
  };

  const remove = (id: string): void => {
    const map = mapOf(id);
    ctx.transact(() => {
      if (typeof map.get('noteId') === 'string') setLink(ctx, id, null);
      clearMark(map.get('anchor') as StoredAnchor | undefined);
      writeTombstone(roots.tombstones, id, 'highlight', map, ctx.user.id, ctx.now());
      roots.highlights.delete(id);
    });
  };

  return {
    create,
    update,
    delete: remove,
    get: (id) => {
      const map = roots.highlights.get(id);
      return map instanceof Y.Map ? readHighlight(map) : undefined;
    },
    has: (id) => roots.highlights.get(id) instanceof Y.Map,
    list: () =>
      [...roots.highlights.values()]
        .filter((m) => m instanceof Y.Map)
        .map(readHighlight)
        .sort(byCreation),
    resolve: (id) => resolveAnchor(doc, readHighlight(mapOf(id)).anchor),
    observe: (listener) => {
      const handler = (): void => listener();
      roots.highlights.observeDeep(handler);
      return () => roots.highlights.unobserveDeep(handler);
    },
  };
};
