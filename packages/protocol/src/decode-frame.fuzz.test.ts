import { describe, expect, it } from 'vitest';
import { decodeFrame } from './decode-frame.js';
import { encodeFrame } from './encode-frame.js';
import type { Frame } from './frame.js';
import { ProtocolError } from './protocol-error.js';

/** mulberry32: small, seedable, good enough to pick bytes. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = process.env.SEED ? Number(process.env.SEED) : Math.floor(Math.random() * 2 ** 31);
const ITERATIONS = 10_000;

const seeds: Frame[] = [
  { type: 'sync-step-1', stateVector: Uint8Array.of(1, 200, 1, 5) },
  { type: 'sync-step-2', update: new Uint8Array(300).fill(7) },
  { type: 'sync-update', update: Uint8Array.of(1, 1, 2, 3) },
  { type: 'awareness', update: Uint8Array.of(1, 9, 1, 2, 123, 125) },
  { type: 'permission-denied', reason: 'no ✓' },
  { type: 'query-awareness' },
  { type: 'durable-ack', count: 1234567 },
].map((frame) => frame as Frame);

function randomInput(random: () => number): Uint8Array {
  const int = (n: number) => Math.floor(random() * n);
  if (random() < 0.4) {
    const bytes = new Uint8Array(int(24));
    for (let i = 0; i < bytes.length; i++) bytes[i] = int(256);
    // Bias the first byte towards known message types so the inner paths get exercised.
    if (bytes.length > 0 && random() < 0.7) bytes[0] = [0, 1, 2, 3, 100][int(5)] as number;
    return bytes;
  }
  const valid = encodeFrame(seeds[int(seeds.length)] as Frame);
  const bytes = valid.slice(0, random() < 0.3 ? int(valid.length + 1) : valid.length);
  const flips = int(4);
  for (let i = 0; i < flips && bytes.length > 0; i++) bytes[int(bytes.length)] = int(256);
  if (random() < 0.2) return Uint8Array.from([...bytes, int(256)]);
  return bytes;
}

describe('decodeFrame fuzz', () => {
  it(`returns a frame or throws ProtocolError, nothing else (SEED=${SEED})`, () => {
    console.log(
      `decode-frame fuzz SEED=${SEED} (replay: SEED=${SEED} pnpm exec vitest run --config vitest.workspace.ts --project protocol)`,
    );
    const random = createRandom(SEED);
    let decoded = 0;
    let rejected = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const input = randomInput(random);
      try {
        const frame = decodeFrame(input);
        // Anything accepted must re-encode to a frame that decodes to the same value.
        expect(decodeFrame(encodeFrame(frame)), `SEED=${SEED} iteration ${i}`).toEqual(frame);
        decoded++;
      } catch (error) {
        if (!(error instanceof ProtocolError)) {
          throw new Error(`SEED=${SEED} iteration ${i}: input [${[...input]}] threw ${String(error)}`);
        }
        rejected++;
      }
    }
    // Both outcomes must actually occur, or the generator is not exploring anything.
    expect(decoded).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  }, 60_000); // thousands of frames: generous on a loaded machine (no timing is asserted)
});
