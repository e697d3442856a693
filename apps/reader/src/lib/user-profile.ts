/** Who this browser's user is: picked on first visit, kept in localStorage. */
export interface UserProfile {
  readonly id: string;
  readonly name: string;
  readonly color: string;
}

/** Avatar colours offered by the picker (readable on white with dark text in the avatar ring). */
export const USER_COLORS = ['#d9480f', '#2b8a3e', '#1971c2', '#9c36b5', '#c2255c', '#087f5b', '#e67700', '#5f3dc4'];

const KEY = 'marginalia.user';

/** The saved profile, or null on a first visit (or when the saved value is unreadable). */
export function loadProfile(storage: Pick<Storage, 'getItem'>): UserProfile | null {
  const raw = storage.getItem(KEY);
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<UserProfile>;
    if (typeof value.id === 'string' && typeof value.name === 'string' && typeof value.color === 'string') {
      return { id: value.id, name: value.name, color: value.color };
    }
    return null;
  } catch (error) {
    console.warn('marginalia: ignoring an unreadable saved profile', error);
    return null;
  }
}

export function saveProfile(storage: Pick<Storage, 'setItem'>, profile: UserProfile): void {
  storage.setItem(KEY, JSON.stringify(profile));
}

/** A new stable user id for this browser. */
export function newUserId(): string {
  return `u-${crypto.randomUUID().slice(0, 8)}`;
}

/** The first user-perceived character (grapheme) of a word: an emoji, a flag or an accented letter stays whole. */
function firstGrapheme(word: string): string {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    const [first] = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(word);
    return first?.segment ?? '';
  }
  return Array.from(word)[0] ?? ''; // code points: never half a surrogate pair
}

/** Initials for an avatar: "Alice Liddell" -> "AL", "bob" -> "B", "🦊 Fox" -> "🦊F". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const picked = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words.slice(0, 1);
  const letters = picked.map(firstGrapheme).join('');
  return letters === '' ? '?' : letters.toUpperCase();
}
