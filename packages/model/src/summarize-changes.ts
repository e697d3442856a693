import { CHANGE_TYPES, type ChangeType } from './change-event.js';

/** Anything with a type, a target id and an author: change events and unread items both fit. */
export interface SummarizableChange {
  readonly type: ChangeType;
  readonly id: string;
  readonly userId: string | null;
  /** Which fields changed (change events have them): a highlight change of `noteId` alone is the note's news. */
  readonly fields?: readonly string[];
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

const isLinkOnly = (change: SummarizableChange): boolean =>
  change.type === 'highlight.updated' &&
  change.fields !== undefined &&
  change.fields.length > 0 &&
  change.fields.every((f) => f === 'noteId');

const phrasesOf = (changes: readonly SummarizableChange[]): string[] => {
  const ids = new Map<ChangeType, Set<string>>(CHANGE_TYPES.map((type) => [type, new Set()]));
  for (const change of changes) if (!isLinkOnly(change)) ids.get(change.type)?.add(change.id);
  // An edit of something created or deleted in the same burst is not news of its own.
  const superseded = (kind: string, id: string): boolean =>
    ids.get(`${kind}.created` as ChangeType)!.has(id) || ids.get(`${kind}.deleted` as ChangeType)!.has(id);
  for (const id of ids.get('highlight.updated')!)
    if (superseded('highlight', id)) ids.get('highlight.updated')!.delete(id);
  for (const id of ids.get('note.edited')!) if (superseded('note', id)) ids.get('note.edited')!.delete(id);
  return CHANGE_TYPES.flatMap((type) => {
    const count = ids.get(type)!.size;
    const [verb, noun] = PHRASES[type];
    return count === 0 ? [] : [count === 1 ? `${verb} a ${noun}` : `${verb} ${count} ${noun}s`];
  });
};

/** What one person did in a burst, without the name: "added 3 highlights and wrote a note" ('' for nothing). */
export const describeChanges = (changes: readonly SummarizableChange[]): string => joinPhrases(phrasesOf(changes));

/** Turns a burst of changes into one line per author: "Alice added 3 highlights and edited a note". */
export const summarizeChanges = (changes: readonly SummarizableChange[], options: SummarizeOptions = {}): string[] => {
  const byUser = new Map<string | null, SummarizableChange[]>();
  for (const change of changes) {
    if (options.excludeUserId !== undefined && change.userId === options.excludeUserId) continue;
    const list = byUser.get(change.userId) ?? [];
    list.push(change);
    byUser.set(change.userId, list);
  }
  return [...byUser].flatMap(([userId, list]) => {
    const phrases = phrasesOf(list);
    if (phrases.length === 0) return [];
    const name = userId === null ? 'Someone' : (options.nameOf?.(userId) ?? userId);
    return [`${name} ${joinPhrases(phrases)}`];
  });
};
