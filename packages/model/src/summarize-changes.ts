import { CHANGE_TYPES, type ChangeType } from './change-event.js';

/** Anything with a type, a target id and an author: change events and unread items both fit. */
export interface SummarizableChange {
  readonly type: ChangeType;
  readonly id: string;
  readonly userId: string | null;
}

export interface SummarizeOptions {
  /** Display name of a user id; falls back to the id itself, and "Someone" for unknown authors. */
  readonly nameOf?: (userId: string) => string | undefined;
  /** Leave out this user's own changes (typically the viewer). */
  readonly excludeUserId?: string;
}

const PHRASES: Record<ChangeType, [verb: string, noun: string]> = {
  'highlight.created': ['added', 'highlight'],
  'highlight.updated': ['changed', 'highlight'],
  'highlight.deleted': ['removed', 'highlight'],
  'note.created': ['wrote', 'note'],
  'note.edited': ['edited', 'note'],
  'note.deleted': ['deleted', 'note'],
};

const joinPhrases = (parts: string[]): string =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;

const linesOfUser = (changes: SummarizableChange[]): string[] => {
  const ids = new Map<ChangeType, Set<string>>(CHANGE_TYPES.map((type) => [type, new Set()]));
  for (const change of changes) ids.get(change.type)?.add(change.id);
  // An edit of something created or deleted in the same burst is not news of its own.
  const superseded = (kind: string, id: string): boolean =>
    ids.get(`${kind}.created` as ChangeType)!.has(id) || ids.get(`${kind}.deleted` as ChangeType)!.has(id);
  for (const id of ids.get('highlight.updated')!) if (superseded('highlight', id)) ids.get('highlight.updated')!.delete(id);
  for (const id of ids.get('note.edited')!) if (superseded('note', id)) ids.get('note.edited')!.delete(id);
  return CHANGE_TYPES.flatMap((type) => {
    const count = ids.get(type)!.size;
    const [verb, noun] = PHRASES[type];
    return count === 0 ? [] : [`${verb} ${count} ${noun}${count === 1 ? '' : 's'}`];
  });
};

/** Turns a burst of changes into one line per author: "Alice added 3 highlights and edited 1 note". */
export const summarizeChanges = (changes: readonly SummarizableChange[], options: SummarizeOptions = {}): string[] => {
  const byUser = new Map<string | null, SummarizableChange[]>();
  for (const change of changes) {
    if (options.excludeUserId !== undefined && change.userId === options.excludeUserId) continue;
    const list = byUser.get(change.userId) ?? [];
    list.push(change);
    byUser.set(change.userId, list);
  }
  return [...byUser].flatMap(([userId, list]) => {
    const phrases = linesOfUser(list);
    if (phrases.length === 0) return [];
    const name = userId === null ? 'Someone' : (options.nameOf?.(userId) ?? userId);
    return [`${name} ${joinPhrases(phrases)}`];
  });
};
