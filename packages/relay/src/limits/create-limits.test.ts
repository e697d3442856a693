import { describe, expect, it } from 'vitest';
import type { AdmissionRequest, ConnectionContext } from '../ports/admission.js';
import { createLimits } from './create-limits.js';
import { DEFAULT_LIMITS, resolveLimits } from './limits-config.js';

const context: ConnectionContext = { docName: 'd', canWrite: true, wantsAcks: false };
const socket = (
  remoteAddress: string | undefined,
  access: AdmissionRequest['access'] = 'socket',
): AdmissionRequest => ({
  access,
  docName: 'd',
  token: undefined,
  headers: new Headers(),
  remoteAddress,
});

describe('resolveLimits', () => {
  it('fills defaults, keeps overrides, raises the byte burst to the frame size', () => {
    expect(resolveLimits(undefined)).toEqual(DEFAULT_LIMITS);
    const limits = resolveLimits({ maxFrameBytes: 10_000_000, messagesPerSecond: 5 });
    expect(limits.messagesPerSecond).toBe(5);
    expect(limits.byteBurst).toBe(10_000_000);
  });

  it('refuses unknown, zero, negative and non-numeric limits', () => {
    expect(() => resolveLimits({ bogus: 1 } as never)).toThrow(/unknown limit/);
    expect(() => resolveLimits({ maxFrameBytes: 0 })).toThrow(/positive/);
    expect(() => resolveLimits({ maxFrameBytes: -1 })).toThrow(/positive/);
    expect(() => resolveLimits({ maxFrameBytes: Number.NaN })).toThrow(/positive/);
  });
});

describe('createLimits', () => {
  it('caps socket connections per address (IPv4-mapped folded) and frees on release', () => {
    const limits = createLimits({ maxConnectionsPerIp: 2 });
    const first = limits.admit!(socket('10.0.0.1')) as { release: () => void };
    expect(limits.admit!(socket('::ffff:10.0.0.1'))).toHaveProperty('release');
    expect(limits.admit!(socket('10.0.0.1'))).toEqual(
      expect.objectContaining({ code: 429, reason: 'connections_per_ip' }),
    );
    expect(limits.admit!(socket('10.0.0.2'))).toHaveProperty('release');
    expect(limits.admit!(socket('10.0.0.1', 'read'))).toBeUndefined();
    first.release();
    expect(limits.admit!(socket('10.0.0.1'))).toHaveProperty('release');
  });

  it('hands the core its sizes', () => {
    const limits = createLimits({ maxLoadedDocs: 3, maxPendingBytesPerDoc: 7 });
    expect([limits.maxLoadedDocs, limits.maxPendingBytesPerDoc, limits.maxFrameBytes]).toEqual([
      3,
      7,
      DEFAULT_LIMITS.maxFrameBytes,
    ]);
  });
});

describe('frame meter', () => {
  const meterWith = (options: Parameters<typeof createLimits>[0]) => {
    let now = 0;
    const meter = createLimits(options, () => now).createMeter!(context);
    return { meter, advance: (ms: number) => (now += ms) };
  };
  const update = (byteLength: number) => ({ type: 'sync-update', byteLength, payloadLength: byteLength - 3 });
  const awareness = (payloadLength: number) => ({ type: 'awareness', byteLength: payloadLength + 3, payloadLength });

  it('refuses frames above maxFrameBytes with 4413', () => {
    const { meter } = meterWith({ maxFrameBytes: 100 });
    expect(meter.charge(update(100))).toBeUndefined();
    expect(meter.charge(update(101))).toMatchObject({ code: 4413, reason: 'frame_too_large' });
  });

  it('rate-limits messages with 4429 and recovers after the refill', () => {
    const { meter, advance } = meterWith({ messagesPerSecond: 10, messageBurst: 3 });
    for (let i = 0; i < 3; i++) expect(meter.charge(update(10))).toBeUndefined();
    expect(meter.charge(update(10))).toMatchObject({ code: 4429, reason: 'message_rate' });
    advance(100);
    expect(meter.charge(update(10))).toBeUndefined();
  });

  it('rate-limits bytes with 4429', () => {
    const { meter } = meterWith({ maxFrameBytes: 1000, bytesPerSecond: 100, byteBurst: 1500 });
    expect(meter.charge(update(1000))).toBeUndefined();
    expect(meter.charge(update(600))).toMatchObject({ code: 4429, reason: 'byte_rate' });
  });

  it('limits awareness size (4413) and rate (4429) without touching other frames', () => {
    const { meter } = meterWith({ maxAwarenessBytes: 50, awarenessPerSecond: 1, awarenessBurst: 1 });
    expect(meter.charge(awareness(51))).toMatchObject({ code: 4413, reason: 'awareness_too_large' });
    expect(meter.charge(awareness(10))).toBeUndefined();
    expect(meter.chargePresence!(1)).toBeUndefined();
    expect(meter.charge(awareness(10))).toBeUndefined();
    expect(meter.chargePresence!(1)).toMatchObject({ code: 4429, reason: 'awareness_rate' });
    expect(meter.charge(update(10))).toBeUndefined();
  });

  it('charges the awareness rate per own state changed, never for frames alone (echoes of peers are free)', () => {
    const { meter, advance } = meterWith({ awarenessPerSecond: 10, awarenessBurst: 5 });
    for (let i = 0; i < 100; i++) expect(meter.charge(awareness(10))).toBeUndefined();
    expect(meter.chargePresence!(5)).toBeUndefined();
    expect(meter.chargePresence!(1)).toMatchObject({ code: 4429, reason: 'awareness_rate' });
    advance(100);
    expect(meter.chargePresence!(1)).toBeUndefined();
    expect(meter.chargePresence!(6)).toMatchObject({ reason: 'awareness_rate' });
  });
});
