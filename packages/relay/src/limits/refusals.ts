import { CloseCode } from '@marginalia/protocol';
import type { Refusal } from '../ports/admission.js';

/** Every refusal the limits produce: close code (or HTTP status) and the metric's reason label. */
export const LimitRefusal = {
  frameTooLarge: { code: CloseCode.TooLarge, reason: 'frame_too_large', message: 'frame too large' },
  docTooLarge: { code: CloseCode.TooLarge, reason: 'doc_too_large', message: 'document too large' },
  messageRate: { code: CloseCode.RateLimited, reason: 'message_rate', message: 'too many messages' },
  byteRate: { code: CloseCode.RateLimited, reason: 'byte_rate', message: 'too many bytes' },
  awarenessTooLarge: { code: CloseCode.TooLarge, reason: 'awareness_too_large', message: 'awareness state too large' },
  awarenessRate: { code: CloseCode.RateLimited, reason: 'awareness_rate', message: 'too many awareness updates' },
  connectionsPerIp: { code: 429, reason: 'connections_per_ip', message: 'too many connections from this address' },
  httpReadRate: { code: 429, reason: 'http_read_rate', message: 'too many reads from this address' },
} as const satisfies Record<string, Refusal>;
