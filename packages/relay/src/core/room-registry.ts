import { errorFields } from './logger.js';
import { RelayError } from './relay-error.js';
import { createRoom, type Room, type RoomSharedOptions } from './room.js';

export interface RoomRegistryOptions extends RoomSharedOptions {
  readonly maxLoadedDocs: number;
}

export interface RoomRegistry {
  /** The loaded (or loading) room of `docName`, created when missing. Throws `too_many_docs`. */
  open(docName: string): Room;
  has(docName: string): boolean;
  size(): number;
  rooms(): Room[];
  /** Resolves when no room is loaded and every write has settled. */
  whenEmpty(): Promise<void>;
}

/**
 * Owns the rooms: at most one per document name. A room is dropped only when unused and
 * flushed; the next room of the same name starts loading only after its predecessor's writes
 * have settled (`previous`), so a load always sees everything the relay stored.
 */
export function createRoomRegistry(options: RoomRegistryOptions): RoomRegistry {
  const rooms = new Map<string, Room>();
  const draining = new Map<string, Promise<void>>();
  let emptied: (() => void)[] = [];

  const drop = (room: Room): void => {
    if (rooms.get(room.docName) !== room) return;
    rooms.delete(room.docName);
    options.metrics.docsLoaded.set(rooms.size);
    const drained = room.whenIdle().finally(() => {
      if (draining.get(room.docName) === drained) draining.delete(room.docName);
      room.destroy();
      if (rooms.size === 0 && draining.size === 0) emptied.splice(0).forEach((resolve) => resolve());
    });
    draining.set(room.docName, drained);
  };

  const unused = (room: Room): void => {
    room
      .whenIdle()
      .then(() => {
        if (room.users() === 0) drop(room);
      })
      .catch((error: unknown) => options.logger.error({ doc: room.docName, ...errorFields(error) }, 'unload failed'));
  };

  return {
    open(docName) {
      const existing = rooms.get(docName);
      if (existing !== undefined) return existing;
      if (rooms.size >= options.maxLoadedDocs) {
        throw new RelayError('too_many_docs', `at most ${options.maxLoadedDocs} documents may be loaded`);
      }
      const room = createRoom({
        ...options,
        docName,
        previous: draining.get(docName) ?? Promise.resolve(),
        unused,
        failed: drop,
      });
      rooms.set(docName, room);
      options.metrics.docsLoaded.set(rooms.size);
      return room;
    },
    has: (docName) => rooms.has(docName),
    size: () => rooms.size,
    rooms: () => [...rooms.values()],
    whenEmpty() {
      if (rooms.size === 0 && draining.size === 0) return Promise.resolve();
      return new Promise((resolve) => emptied.push(resolve));
    },
  };
}
