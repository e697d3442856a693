import * as Y from 'yjs';

/**
 * What integrating an update's items will cost in Yjs' conflict resolution, estimated before
 * anything is applied.
 *
 * Yjs places an item between its left origin and its right origin. When other items already sit
 * there (inserts concurrent with it), `Item.integrate` walks over them one by one to find its
 * place: concurrent inserts at one position integrate in time quadratic in their number. Two
 * clients prepending 8,000 characters each took 22 s to merge; a 1 MB update of such inserts holds
 * the event loop for far longer than ten minutes. The frame and document limits bound bytes and
 * structs, not this walk.
 *
 * The estimate counts, for each item the document does not hold yet:
 * - against the document as it is: the items between the item's left origin (or its parent's
 *   start) and its right origin, the longest walk Yjs can make for it (Yjs may stop earlier). The
 *   common case, an item whose origins are still neighbours, costs nothing. This is what makes the
 *   estimate count across the document: inserts an attacker spread over many updates are walked
 *   by every later insert at that position.
 * - inside the update: an item sharing its left origin with earlier items of the same update walks
 *   over those (the items of one update are integrated one after the other), unless all of them so
 *   far are one client's sequential inserts (each placed just before the previous one, as
 *   prepending does), which never conflict with each other.
 *
 * An item placed just before another item of the same update walks over what that one walked over
 * in the document (a client's prepends after others prepended at the same place each walk over
 * all of theirs).
 *
 * The walk stops once `budget` is exceeded, so the estimate itself costs at most `budget` steps.
 * Returns the steps counted (more than `budget` means "refuse").
 */
export function conflictSteps(doc: Y.Doc, structs: readonly (Y.Item | Y.GC | Y.Skip)[], budget: number): number {
  let steps = 0;
  const siblings = new Map<string, Siblings>();
  const walks = new Map<string, number>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue; // already held
    steps += siblingSteps(siblings, struct);
    if (steps > budget) return steps;
    const walked = walkInDoc(doc, struct, budget - steps, walks);
    walks.set(idKey(struct.id), walked);
    steps += walked;
    if (steps > budget) return steps;
  }
  return steps;
}

/** The items of one update sharing a left origin so far. */
interface Siblings {
  count: number;
  /** The last one's id, and whether all so far are one client's sequential inserts. */
  last: Y.ID;
  sequential: boolean;
}

/** Items the update's earlier items at the same left origin make this one walk over. */
function siblingSteps(groups: Map<string, Siblings>, item: Y.Item): number {
  const key = originKey(item);
  const group = groups.get(key);
  if (group === undefined) {
    groups.set(key, { count: 1, last: item.id, sequential: true });
    return 0;
  }
  const right = item.rightOrigin;
  group.sequential =
    group.sequential &&
    item.id.client === group.last.client &&
    right !== null &&
    right.client === group.last.client &&
    right.clock === group.last.clock;
  const walked = group.sequential ? 0 : group.count;
  group.count += 1;
  group.last = item.id;
  return walked;
}

const idKey = (id: Y.ID): string => `${id.client}:${id.clock}`;

/** Items with the same left origin (or, without one, the same parent and key) are siblings. */
function originKey(item: Y.Item): string {
  if (item.origin !== null) return idKey(item.origin);
  const parent: unknown = item.parent;
  const parentKey = typeof parent === 'string' ? `root:${parent}` : parent instanceof Y.ID ? idKey(parent) : 'unknown';
  return `start ${parentKey} ${item.parentSub ?? ''}`;
}

/** Has `doc` integrated the struct holding `id`? */
const holds = (doc: Y.Doc, id: Y.ID): boolean => Y.getState(doc.store, id.client) > id.clock;

/**
 * Items of `doc` between the item's left origin and its right origin (at most `budget` + 1). With
 * a right origin among the update's earlier items (`walks`), what that one walked. Zero when the
 * left origin is not in the document yet (in the same update, or missing: the item will be held
 * pending).
 */
function walkInDoc(doc: Y.Doc, item: Y.Item, budget: number, walks: ReadonlyMap<string, number>): number {
  const right = item.rightOrigin;
  if (right !== null && !holds(doc, right)) return walks.get(idKey(right)) ?? 0;
  const target = right === null ? null : Y.getItem(doc.store, right);
  if (target !== null && !(target instanceof Y.Item)) return 0; // next to collected content: Yjs drops it
  const from = walkStart(doc, item, target, budget);
  if (from === undefined) return 0;
  let steps = from.steps;
  for (let o = from.start; o !== null && o !== target && steps <= budget; o = o.right) steps += 1;
  return steps;
}

/**
 * The first item Yjs would walk over for `item` (null: none) and the steps taken to find it;
 * undefined when unknown here. Without a left origin, the parent is named by the item or, with a
 * right origin, is that one's (`target`).
 */
function walkStart(
  doc: Y.Doc,
  item: Y.Item,
  target: Y.Item | null,
  budget: number,
): { start: Y.Item | null; steps: number } | undefined {
  const origin = item.origin;
  if (origin !== null) {
    if (!holds(doc, origin)) return undefined;
    const left = Y.getItem(doc.store, origin);
    if (!(left instanceof Y.Item)) return undefined;
    // An origin inside a struct splits it: the rest of that struct comes first.
    return { start: origin.clock < left.id.clock + left.length - 1 ? left : left.right, steps: 0 };
  }
  const type = target === null ? parentType(doc, item.parent) : asType(target.parent);
  if (type === undefined) return undefined;
  const sub = target === null ? item.parentSub : target.parentSub;
  if (sub === null) return { start: type._start, steps: 0 };
  // A map entry without a left origin: Yjs walks from the entry's first value, found going left.
  let first = type._map.get(sub) ?? null;
  let steps = 0;
  while (first?.left && steps <= budget) {
    first = first.left;
    steps += 1;
  }
  return { start: first, steps };
}

/** A shared type as Yjs types them (`doc.share`'s values). */
type SharedType = NonNullable<ReturnType<Y.Doc['share']['get']>>;

const asType = (parent: unknown): SharedType | undefined => (parent instanceof Y.AbstractType ? parent : undefined);

/** A decoded item names its parent by root type name or by the id of the item holding the type. */
function parentType(doc: Y.Doc, parent: unknown): SharedType | undefined {
  if (typeof parent === 'string') return doc.share.get(parent);
  if (!(parent instanceof Y.ID) || !holds(doc, parent)) return undefined;
  const struct = Y.getItem(doc.store, parent);
  return struct instanceof Y.Item && struct.content instanceof Y.ContentType ? struct.content.type : undefined;
}
