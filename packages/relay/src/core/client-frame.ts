import { isClientFrame, type Frame } from '@marginalia/protocol';

/** The frames a client may send (protocol's `CLIENT_FRAME_TYPES`): what a room handles. */
export type ClientFrame = Extract<
  Frame,
  { type: 'sync-step-1' | 'sync-step-2' | 'sync-update' | 'awareness' | 'query-awareness' }
>;

/** Narrows a decoded frame to a client frame; false for relay-to-client types (durable ack, permission denied). */
export function isFromClient(frame: Frame): frame is ClientFrame {
  return isClientFrame(frame);
}
