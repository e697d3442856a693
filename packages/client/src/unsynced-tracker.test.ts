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

describe('createUnsyncedTracker: units a user recognises', () => {
  it('counts the transactions of one thing as one change until it is confirmed, bookkeeping not at all', () => {
    const tracker = createUnsyncedTracker();
    tracker.startConnection();
    for (let index = 0; index < 52; index += 1) tracker.recordChange('notes:n1'); // 26 keystrokes, each stamped
    tracker.recordChange(null); // a read marker
    for (const id of ['h1', 'h2', 'h3']) tracker.recordChange(`highlights:${id}`);
    expect([tracker.count, tracker.pending]).toEqual([4, 56]);
    tracker.recordSent(tracker.latest);
    tracker.recordChange('highlights:h3');
    expect(tracker.count).toBe(4); // h3 again while unconfirmed: the same change goes on
    tracker.recordAck(1);
    expect([tracker.count, tracker.pending]).toEqual([1, 1]);
  });

  it('a unit partly confirmed still counts until its last transaction is', () => {
    const tracker = createUnsyncedTracker();
    tracker.startConnection();
    tracker.recordChange('notes:n1');
    tracker.recordSent(tracker.latest);
    tracker.recordChange('notes:n1');
    tracker.recordAck(1);
    expect([tracker.count, tracker.pending]).toEqual([1, 1]);
  });

  it('restores user changes and bookkeeping left by an earlier session', () => {
    const tracker = createUnsyncedTracker();
    tracker.restore(2, 1);
    expect([tracker.count, tracker.pending]).toEqual([2, 3]);
  });
});
