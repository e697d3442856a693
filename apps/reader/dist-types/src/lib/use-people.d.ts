import type * as Y from 'yjs';
import type { UserProfile } from './user-profile.js';
/** App data beside the model: display names and colours of everyone who wrote in the doc. */
export declare const PEOPLE_MAP = "reader.people";
export interface Person {
    readonly name: string;
    readonly color: string;
}
/**
 * Everyone's name and colour, by user id. The model stores user ids only; the reader keeps names
 * in a map of its own in the same doc so that highlights of people who are not here are named.
 */
export declare function usePeople(doc: Y.Doc, self: UserProfile): ReadonlyMap<string, Person>;
