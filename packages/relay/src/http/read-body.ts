/**
 * Reads a request body as it streams in and stops at `maxBytes`: a chunked body (no
 * Content-Length) past the limit is refused after `maxBytes` were read, never buffered whole.
 * Resolves with the bytes, or `undefined` when the body was longer (the stream is cancelled).
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array | undefined> {
  const body = request.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel('body too large').catch(ignoreCancelFailure);
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const whole = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}

/** Cancelling a stream whose source already failed rejects; the body is refused either way. */
function ignoreCancelFailure(): undefined {
  return undefined;
}
