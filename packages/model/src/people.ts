import type * as Y from 'yjs';
import { isHighlightColor } from './colors.js';
import type { DocRoots } from './doc-layout.js';
import { ModelError } from './model-error.js';
import type { ModelUser } from './model-context.js';

/** How a user is shown to others: their display name and, when they chose one, their colour. */
export interface Person {
  readonly name: string;
  /** `#rrggbb` or a palette color name. */
  readonly color?: string;
}

/**
 * The doc's people directory (`people`: user id -> { name, color? }). Each user's entry is written by that user's own
 * model, next to the authorship record, so that authors are named also when they are not online.
 */
export interface People {
  /** The entry of a user id, or undefined (never wrote with a name, or the stored value is not a valid person). */
  get(userId: string): Person | undefined;
  /** Shorthand for `get(userId)?.name`. */
  nameOf(userId: string): string | undefined;
  /** Every valid entry. */
  all(): Map<string, Person>;
  /** Called after every transaction that changed the directory. Returns the unsubscribe function. */
  observe(listener: () => void): () => void;
}

export const MAX_PERSON_NAME = 100;

const isColor = (value: unknown): value is string =>
  typeof value === 'string' && (/^#[0-9a-fA-F]{6}$/.test(value) || isHighlightColor(value));
const isName = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_PERSON_NAME;

/** A stored value as a Person, or undefined when it is not one (a buggy or hostile replica wrote it). */
export const toPerson = (value: unknown): Person | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { name, color } = value as Record<string, unknown>;
  if (!isName(name) || (color !== undefined && !isColor(color))) return undefined;
  return color === undefined ? { name } : { name, color };
};

/** Checks the model's own user before anything is written (ModelError `invalid_input`). */
export const assertModelUser = (user: ModelUser): void => {
  if (user === null || typeof user !== 'object' || typeof user.id !== 'string' || user.id.length === 0) {
    throw new ModelError('invalid_input', 'createModel needs a user with a non-empty id');
  }
  if (user.name !== undefined && !isName(user.name)) {
    throw new ModelError(
      'invalid_input',
      `user.name must be a non-empty string of at most ${MAX_PERSON_NAME} characters`,
      { name: user.name },
    );
  }
  if (user.color !== undefined && !isColor(user.color)) {
    throw new ModelError('invalid_input', 'user.color must be #rrggbb or a palette color', { color: user.color });
  }
};

/** Writes the user's entry when they have a name and the stored one differs (no write otherwise). */
export const registerPerson = (roots: DocRoots, user: ModelUser): void => {
  if (user.name === undefined) return;
  const current = toPerson(roots.people.get(user.id));
  if (current?.name === user.name && current.color === user.color) return;
  roots.people.set(user.id, user.color === undefined ? { name: user.name } : { name: user.name, color: user.color });
};

export const createPeople = (roots: DocRoots): People => {
  const get = (userId: string): Person | undefined => toPerson(roots.people.get(userId));
  return {
    get,
    nameOf: (userId) => get(userId)?.name,
    all: () => {
      const out = new Map<string, Person>();
      for (const [userId, value] of roots.people.entries()) {
        const person = toPerson(value);
        if (person !== undefined) out.set(userId, person);
      }
      return out;
    },
    observe: (listener) => {
      const handler = (_event: Y.YMapEvent<unknown>): void => listener();
      roots.people.observe(handler);
      return () => roots.people.unobserve(handler);
    },
  };
};
