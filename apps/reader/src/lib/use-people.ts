import { useEffect } from 'react';
import type * as Y from 'yjs';
import { useExternalValue } from '@marginalia/react';
import type { UserProfile } from './user-profile.js';

/** App data beside the model: display names and colours of everyone who wrote in the doc. */
export const PEOPLE_MAP = 'reader.people';

export interface Person {
  readonly name: string;
  readonly color: string;
}

/**
 * Everyone's name and colour, by user id. The model stores user ids only; the reader keeps names
 * in a map of its own in the same doc so that highlights of people who are not here are named.
 */
export function usePeople(doc: Y.Doc, self: UserProfile): ReadonlyMap<string, Person> {
  const map = doc.getMap<Person>(PEOPLE_MAP);
  useEffect(() => {
    const current = map.get(self.id);
    if (current?.name !== self.name || current?.color !== self.color)
      map.set(self.id, { name: self.name, color: self.color });
  }, [map, self.id, self.name, self.color]);
  return useExternalValue(
    (onChange) => {
      map.observe(onChange);
      return () => map.unobserve(onChange);
    },
    () => new Map(map.entries()),
    [map],
  );
}
