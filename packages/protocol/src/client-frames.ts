import type { Frame, FrameType } from './frame.js';

/**
 * Frame types a client may send to the relay. `permission-denied` and `durable-ack` are
 * relay -> client only; a relay should close a connection that sends them (4400).
 */
export const CLIENT_FRAME_TYPES: ReadonlySet<FrameType> = new Set<FrameType>([
  'sync-step-1',
  'sync-step-2',
  'sync-update',
  'awareness',
  'query-awareness',
]);

/** Frame types that carry a Yjs update and count towards the durable-ack counter. */
export const UPDATE_FRAME_TYPES: ReadonlySet<FrameType> = new Set<FrameType>(['sync-step-2', 'sync-update']);

export function isClientFrame(frame: Frame): boolean {
  return CLIENT_FRAME_TYPES.has(frame.type);
}

/** True for sync step 2 and sync update: the frames a relay counts for the durable ack. */
export function isUpdateFrame(frame: Frame): frame is Extract<Frame, { type: 'sync-step-2' | 'sync-update' }> {
  return UPDATE_FRAME_TYPES.has(frame.type);
}
