import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createManualTimers } from './fixtures/manual-timers.js';
import { createHttpFallback, type HttpFallback } from './http-fallback.js';
import { HttpStatusError, type RelayHttp } from './relay-http.js';
import { FALLBACK_LIMITS, createRelayLimits } from './relay-limits.js';
import { createUnsyncedTracker } from './unsynced-tracker.js';

/** A relay's document behind a fake RelayHttp that logs when each request came (manual clock). */
function fakeRelay(timers: { now(): number }) {
  const doc = new Y.Doc();
  const log: Array<{ at: number; op: string }> = [];
  let failWith: Error | undefined;
  const answer = <T>(op: string, value: () => T): Promise<T> => {
    log.push({ at: timers.now(), op });
    if (failWith !== undefined) return Promise.reject(failWith);
    return Promise.resolve(value());
  };
  const http: RelayHttp = {
    info: () => answer('info', () => ({ ...FALLBACK_LIMITS, canWrite: true })),
    stateVector: () => answer('state-vector', () => Y.encodeStateVector(doc)),
    updateSince: (sv) => answer('update', () => Y.encodeStateAsUpdate(doc, sv)),
    post: (update) =>
      answer('post', () => {
        Y.applyUpdate(doc, update);
        return 'durable' as const;
      }),
  };
  return { doc, http, log, fail: (error: Error) => (failWith = error) };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

function setup() {
  const timers = createManualTimers();
  const relay = fakeRelay(timers);
  const doc = new Y.Doc();
  const tracker = createUnsyncedTracker();
  const socketRetries: number[] = [];
  const errors: string[] = [];
  const fallback: HttpFallback = createHttpFallback({
    doc,
    http: relay.http,
    tracker,
    limits: createRelayLimits(),
    pacer: { take: () => Promise.resolve() },
    flushLocal: () => Promise.resolve(),
    origin: {},
    timers,
    random: () => 0.5, // no jitter
    minPollMs: 1000,
    maxPollMs: 8000,
    socketRetryMs: 5000,
    onInfo: () => undefined,
    retrySocket: () => socketRetries.push(timers.now()),
    onError: (error) => errors.push(error.code),
    onChange: () => undefined,
  });
  const edit = (text: string): void => {
    doc.getText('t').insert(0, text);
    tracker.recordChange('t');
    fallback.nudge();
  };
  const pollGaps = (): number[] => {
    const polls = relay.log.filter((entry) => entry.op === 'update').map((entry) => entry.at);
    return polls.slice(1).map((at, i) => at - (polls[i] as number));
  };
  return { timers, relay, doc, tracker, fallback, edit, pollGaps, socketRetries, errors };
}

describe('the HTTP fallback state machine', () => {
  it('polls back off while idle (doubling up to maxPollMs), and come quickly again after a local edit', async () => {
    const { timers, relay, fallback, edit, pollGaps, tracker, socketRetries } = setup();
    fallback.join();
    expect(fallback.state).toBe('joining');
    await settle();
    expect(fallback.state).toBe('active');
    expect(fallback.caughtUp).toBe(true);
    for (let i = 0; i < 5; i += 1) {
      timers.runNext();
      await settle();
    }
    // The socket is retried every 5 s meanwhile; the polls go 2, 4, 8, 8 s apart.
    expect(pollGaps()).toEqual([2000, 4000, 8000]);
    expect(socketRetries.length).toBeGreaterThanOrEqual(2);

    const before = relay.log.length;
    edit('hello');
    edit(' world'); // a burst: one POST
    expect(tracker.pending).toBe(2);
    timers.advance(120);
    await settle();
    const ops = relay.log.slice(before).map((entry) => entry.op);
    expect(ops).toEqual(['state-vector', 'post', 'update']);
    expect(tracker.pending).toBe(0);
    expect(tracker.count).toBe(0);
    expect(relay.doc.getText('t').toString()).toBe(' worldhello');
    const afterEdit = relay.log.length;
    timers.advance(1000); // something moved: the next poll comes after minPollMs
    await settle();
    expect(relay.log.slice(afterEdit).map((entry) => entry.op)).toEqual(['update']);
  });

  it('remote changes reset the backoff; a network failure leaves (off), a refusal stops until reset()', async () => {
    const { timers, relay, fallback, errors, doc } = setup();
    fallback.join();
    await settle();
    for (let i = 0; i < 3; i += 1) {
      timers.runNext();
      await settle();
    }
    relay.doc.getText('t').insert(0, 'from elsewhere');
    const polled = relay.log.filter((entry) => entry.op === 'update').length;
    // The next poll is at most 8 s away and brings it; the one after comes 1 s later.
    timers.advance(8000);
    await settle();
    expect(doc.getText('t').toString()).toBe('from elsewhere');
    timers.advance(1000);
    await settle();
    expect(relay.log.filter((entry) => entry.op === 'update').length).toBe(polled + 2);

    relay.fail(new TypeError('fetch failed'));
    timers.advance(2000);
    await settle();
    expect(fallback.state).toBe('off');
    expect(errors).toEqual([]);

    relay.fail(new HttpStatusError(403, 'doc_forbidden'));
    fallback.join();
    await settle();
    expect(fallback.state).toBe('refused');
    expect(errors).toEqual(['forbidden']);
    fallback.join();
    expect(fallback.state).toBe('refused');
    fallback.reset();
    expect(fallback.state).toBe('off');
  });

  it('an exchange under way when the socket opens is abandoned: its answer does not touch the tracker', async () => {
    const { timers, fallback, edit, tracker } = setup();
    fallback.join();
    await settle();
    edit('x');
    timers.advance(120);
    fallback.leave(); // the socket opened before the POST was answered
    tracker.startConnection(); // the socket's numbering
    await settle();
    expect(fallback.state).toBe('off');
    expect(tracker.pending).toBe(1); // the socket's sync step 2 confirms it, not the abandoned POST
  });
});
