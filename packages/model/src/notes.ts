import * as Y from 'yjs';
import { simpleDiffString } from 'lib0/diff';
import { ModelError } from './model-error.js';
import { byCreation, readNote, stamp, writeTombstone, type Note } from './records.js';
import { addTag, checkTag, removeTag } from './note-tags.js';
import { setLink } from './links.js';
import type { ModelContext } from './model-context.js';

export interface CreateNoteInput {
  readonly body?: string;
  readonly highlightId?: string;
  readonly tags?: readonly string[];
}

export interface Notes {
  create(input?: CreateNoteInput): Note;
  delete(id: string): void;
  get(id: string): Note | undefined;
  has(id: string): boolean;
  list(): Note[];
  /** The live body, for editor bindings. Edits made on it directly are attributed and stamped too. */
  body(id: string): Y.Text;
  insertText(id: string, index: number, text: string): void;
  deleteText(id: string, index: number, length: number): void;
  replaceText(id: string, index: number, length: number, text: string): void;
  /** Replaces the body with `text` by its minimal single-range diff, so concurrent edits elsewhere survive. */
  setBody(id: string, text: string): void;
  /** Links this note to a highlight (both sides), or unlinks it with null. */
  link(id: string, highlightId: string | null): void;
  addTag(id: string, tag: string): void;
  removeTag(id: string, tag: string): void;
  observe(listener: () => void): () => void;
}

const checkRange = (body: Y.Text, index: number, length: number): void => {
  const ok =
    Number.isInteger(index) && Number.isInteger(length) && index >= 0 && length >= 0 && index + length <= body.length;
  if (!ok)
    throw new ModelError('invalid_range', `range ${index}+${length} is outside the note body (length ${body.length})`, {
      index,
      length,
    });
};

export const createNotes = (ctx: ModelContext): Notes => {
  const { roots } = ctx;
  const mapOf = (id: string): Y.Map<unknown> => {
    const map = roots.notes.get(id);
    if (!(map instanceof Y.Map)) throw new ModelError('unknown_note', `no note ${JSON.stringify(id)}`, { id });
    return map;
  };
  const highlightOf = (id: string): Y.Map<unknown> => {
    const map = roots.highlights.get(id);
    if (!(map instanceof Y.Map))
      throw new ModelError('unknown_highlight', `no highlight ${JSON.stringify(id)}`, { id });
    return map;
  };
  const bodyOf = (id: string): Y.Text => mapOf(id).get('body') as Y.Text;
  const edit = (id: string, fn: (body: Y.Text) => void): void => {
    const map = mapOf(id);
    ctx.transact(() => {
      fn(map.get('body') as Y.Text);
      stamp(map, ctx.user.id, ctx.now());
    });
  };

  const create = (input: CreateNoteInput = {}): Note => {
    if (input.body !== undefined && typeof input.body !== 'string')
      throw new ModelError('invalid_input', 'body must be a string');
    const tags = [...new Set((input.tags ?? []).map(checkTag))];
    if (input.highlightId !== undefined) highlightOf(input.highlightId);
    const id = ctx.createId();
    ctx.transact(() => {
      const map = new Y.Map<unknown>();
      const at = ctx.now();
      roots.notes.set(id, map);
      for (const [key, value] of Object.entries({ id, body: new Y.Text(input.body ?? ''), tags: Y.Array.from(tags) }))
        map.set(key, value);
      map.set('createdBy', ctx.user.id);
      map.set('createdAt', at);
      stamp(map, ctx.user.id, at);
      if (input.highlightId !== undefined) setLink(ctx, input.highlightId, id);
    });
    return readNote(mapOf(id));
  };

  const remove = (id: string): void => {
    const map = mapOf(id);
    ctx.transact(() => {
      const highlightId = map.get('highlightId');
      const highlight = typeof highlightId === 'string' ? roots.highlights.get(highlightId) : undefined;
      if (highlight instanceof Y.Map && highlight.get('noteId') === id) {
        highlight.delete('noteId');
        stamp(highlight, ctx.user.id, ctx.now());
      }
      writeTombstone(roots.tombstones, id, 'note', map, ctx.user.id, ctx.now());
      roots.notes.delete(id);
    });
  };

  return {
    create,
    delete: remove,
    get: (id) => {
      const map = roots.notes.get(id);
      return map instanceof Y.Map ? readNote(map) : undefined;
    },
    has: (id) => roots.notes.get(id) instanceof Y.Map,
    list: () =>
      [...roots.notes.values()]
        .filter((m) => m instanceof Y.Map)
        .map(readNote)
        .sort(byCreation),
    body: bodyOf,
    insertText: (id, index, text) => {
      if (typeof text !== 'string') throw new ModelError('invalid_input', 'text must be a string');
      checkRange(bodyOf(id), index, 0);
      edit(id, (body) => body.insert(index, text));
    },
    deleteText: (id, index, length) => {
      checkRange(bodyOf(id), index, length);
      edit(id, (body) => body.delete(index, length));
    },
    replaceText: (id, index, length, text) => {
      if (typeof text !== 'string') throw new ModelError('invalid_input', 'text must be a string');
      checkRange(bodyOf(id), index, length);
      edit(id, (body) => {
        if (length > 0) body.delete(index, length);
        if (text.length > 0) body.insert(index, text);
      });
    },
    setBody: (id, text) => {
      if (typeof text !== 'string') throw new ModelError('invalid_input', 'text must be a string');
      const diff = simpleDiffString(bodyOf(id).toString(), text);
      if (diff.remove === 0 && diff.insert.length === 0) return;
      edit(id, (body) => {
        if (diff.remove > 0) body.delete(diff.index, diff.remove);
        if (diff.insert.length > 0) body.insert(diff.index, diff.insert);
      });
    },
    link: (id, highlightId) => {
      const note = mapOf(id);
      if (highlightId !== null) {
        highlightOf(highlightId);
        ctx.transact(() => setLink(ctx, highlightId, id));
        return;
      }
      const current = note.get('highlightId');
      if (typeof current !== 'string') return;
      ctx.transact(() => {
        const highlight = roots.highlights.get(current);
        if (highlight instanceof Y.Map && highlight.get('noteId') === id) setLink(ctx, current, null);
        note.delete('highlightId');
        stamp(note, ctx.user.id, ctx.now());
      });
    },
    addTag: (id, tag) => addTag(ctx, mapOf(id), tag),
    removeTag: (id, tag) => removeTag(ctx, mapOf(id), tag),
    observe: (listener) => {
      const handler = (): void => listener();
      roots.notes.observeDeep(handler);
      return () => roots.notes.unobserveDeep(handler);
    },
  };
};
