import { describe, expect, it } from 'vitest';
import { createUnsyncedTracker } from './unsynced-tracker.js';

describe('createUnsyncedTracker', () => {
  it('counts changes until a message covering them is acknowledged', () => {
    const tracker = createUnsyncedTracker();
    tracker.startConnection();
    tracker.recordChange();
    tracker.recordChange();
    expect(tracker.count).toBe(2);
    const first = tracker.recordSent(1);
    const second = tracker.recordSent(2);
    expect([first, second]).toEqual([1, 2]);
    expect(tracker.recordAck(1)).toBe(true);
    expect(tracker.count).toBe(1);
    tracker.recordAck(2);
    expect(tracker.count).toBe(0);
  });

  it('changes made after a message was sent stay unsynced after its ack', () => {
    const tracker = createUnsyncedTracker();
    tracker.startConnection();
    tracker.recordChange();
    tracker.recordSent(tracker.latest);
    tracker.recordChange();
    tracker.recordAck(1);
    expect(tracker.count).toBe(1);
  });

  it('forgets the messages of a dropped connection; the next sync step 2 covers everything', () => {
    const tracker = createUnsyncedTracker();
    tracker.startConnection();
    tracker.recordChange();
    tracker.recordSent(1);
    tracker.startConnection();
    expect(tracker.recordAck(1)).toBe(false);
    expect(tracker.count).toBe(1);
    tracker.recordChange();
    tracker.recordSent(tracker.latest);
    tracker.recordAck(1);
    expect(tracker.count).toBe(0);
  });

  it('starts with the changes an earlier session left unconfirmed', () => {
    const tracker = createUnsyncedTracker(7);
    expect(tracker.count).toBe(7);
    tracker.startConnection();
    tracker.recordSent(tracker.latest);
    tracker.recordAck(1);
    expect(tracker.count).toBe(0);
  });

  it('an ack that skips numbers confirms every message up to it', () => {
    const tracker = createUnsyncedTracker();
    tracker.startConnection();
    for (let index = 1; index <= 5; index += 1) {
      tracker.recordChange();
      tracker.recordSent(index);
    }
    tracker.recordAck(4);
    expect(tracker.count).toBe(1);
    expect(tracker.recordAck(4)).toBe(false);
  });
});
