import { encodeRelayInfo } from '@marginalia/protocol';
import type { Connection } from './connection.js';
import type { DocSync } from './doc-sync.js';

/** Fallback when admission did not say (a core used without the HTTP layer): the core's own default frame cap. */
const UNADVERTISED_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * Tells a client that asked (`?info=1`) the limits it must stay within, before the answer to its sync step 1:
 * it then splits what it sends to fit a frame and refuses at edit time what the document cannot take.
 */
export function sendRelayInfo(connection: Connection, sync: DocSync, maxDocBytes: number): void {
  const advertised = connection.context.advertised;
  connection.send(
    encodeRelayInfo({
      maxFrameBytes: advertised?.maxFrameBytes ?? UNADVERTISED_FRAME_BYTES,
      maxDocBytes,
      docBytes: sync.bytes(),
      canWrite: connection.context.canWrite,
      ...(advertised?.bytesPerSecond === undefined ? {} : { bytesPerSecond: advertised.bytesPerSecond }),
      ...(advertised?.byteBurst === undefined ? {} : { byteBurst: advertised.byteBurst }),
    }),
  );
}
