export { MessageType, SyncMessageType, AuthMessageType } from './frame.js';
export type {
  Frame,
  FrameType,
  SyncStep1Frame,
  SyncStep2Frame,
  SyncUpdateFrame,
  AwarenessFrame,
  PermissionDeniedFrame,
  QueryAwarenessFrame,
  DurableAckFrame,
  RelayInfo,
  RelayInfoFrame,
} from './frame.js';
export { CloseCode, closeAction } from './close-codes.js';
export type { CloseAction } from './close-codes.js';
export { ProtocolError, isProtocolError } from './protocol-error.js';
export type { ProtocolErrorCode } from './protocol-error.js';
export { decodeFrame } from './decode-frame.js';
export {
  encodeFrame,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  encodeAwareness,
  encodePermissionDenied,
  encodeQueryAwareness,
  encodeDurableAck,
  encodeRelayInfo,
} from './encode-frame.js';
export { parseRelayInfo } from './relay-info.js';
export { CLIENT_FRAME_TYPES, UPDATE_FRAME_TYPES, isClientFrame, isUpdateFrame } from './client-frames.js';
export {
  MAX_AWARENESS_CLOCK,
  MAX_AWARENESS_DEPTH,
  decodeAwarenessUpdate,
  decodeAwarenessEntries,
  encodeAwarenessUpdate,
} from './awareness-update.js';
export type { AwarenessEntry, AwarenessDecodeOptions, DecodedAwarenessEntry } from './awareness-update.js';
export { jsonDeeperThan } from './json-depth.js';
