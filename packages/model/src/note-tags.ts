import type * as Y from 'yjs';
import { ModelError } from './model-error.js';
import { readTags, stamp } from './records.js';
import type { ModelContext } from './model-context.js';

const MAX_TAG_LENGTH = 64;

export const checkTag = (tag: unknown): string => {
  if (typeof tag !== 'string' || tag.trim() !== tag || tag.length === 0 || tag.length > MAX_TAG_LENGTH) {
    throw new ModelError('invalid_tag', `a tag is a non-empty trimmed string of at most ${MAX_TAG_LENGTH} characters`, {
      tag,
    });
  }
  return tag;
};

/** Adds a tag unless present (concurrent adds may both land; readers treat the array as a set). */
export const addTag = (ctx: ModelContext, note: Y.Map<unknown>, tag: string): void => {
  checkTag(tag);
  const tags = note.get('tags') as Y.Array<string>;
  if (readTags(tags).includes(tag)) return;
  ctx.transact(() => {
    tags.push([tag]);
    stamp(note, ctx.user.id, ctx.now());
  });
};

/** Removes every copy of a tag. */
export const removeTag = (ctx: ModelContext, note: Y.Map<unknown>, tag: string): void => {
  const tags = note.get('tags') as Y.Array<string>;
  const at = tags.toArray().flatMap((t, i) => (t === tag ? [i] : []));
  if (at.length === 0) return;
  ctx.transact(() => {
    for (const i of at.reverse()) tags.delete(i, 1);
    stamp(note, ctx.user.id, ctx.now());
  });
};
