import { loadProfile, newUserId, saveProfile, USER_COLORS, type UserProfile } from '../lib/user-profile.js';

/** Who writes: `?user=&name=` in the link (tests, shared demo links), else the reader's saved profile, else a new one. */
export function editorUser(search: URLSearchParams, storage: Storage): UserProfile {
  const id = search.get('user');
  const name = search.get('name');
  if (id !== null && name !== null)
    return { id, name, color: search.get('color') ?? USER_COLORS[id.length % USER_COLORS.length]! };
  const saved = loadProfile(storage);
  if (saved !== null) return saved;
  const profile = { id: newUserId(), name: 'Guest', color: USER_COLORS[0]! };
  saveProfile(storage, profile);
  return profile;
}
