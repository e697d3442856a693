import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { createManualTimers } from './fixtures/manual-timers.js';
import { createPresence } from './presence.js';

const pair = () => {
  const timers = createManualTimers();
  const make = (id: string) => {
    const awareness = new Awareness(new Y.Doc());
    return {
      awareness,
      presence: createPresence({
        awareness,
        user: { id, name: id, color: '#336699' },
        timers,
        typingTimeoutMs: 1000,
        idleAfterMs: 5000,
        awayAfterMs: 20_000,
      }),
    };
  };
  const a = make('alice');
  const b = make('bob');
  const deliver = (): void =>
    applyAwarenessUpdate(b.awareness, encodeAwarenessUpdate(a.awareness, [a.awareness.clientID]), 'net');
  return { timers, a, b, deliver };
};

describe('createPresence', () => {
  it('typing clears itself after the timeout; others see it expire even without a message', () => {
    const { timers, a, b, deliver } = pair();
    a.presence.typing('note-1');
    deliver();
    expect(b.presence.others()[0]?.typing?.noteId).toBe('note-1');
    timers.advance(1001);
    expect(b.presence.others()[0]?.typing).toBeUndefined();
    expect(a.presence.local.typing).toBeUndefined();
    a.awareness.destroy();
    b.awareness.destroy();
  });

  it('goes idle, then away, and back to active on activity', () => {
    const { timers, a } = pair();
    expect(a.presence.local.status).toBe('active');
    timers.advance(5000);
    expect(a.presence.local.status).toBe('idle');
    timers.advance(15_000);
    expect(a.presence.local.status).toBe('away');
    a.presence.touch();
    expect(a.presence.local.status).toBe('active');
    a.awareness.destroy();
  });

  it('merges one user over several sessions; rejects invalid fields', () => {
    const { a, b, deliver } = pair();
    const second = new Awareness(new Y.Doc());
    second.setLocalState({
      user: { id: 'alice', name: 'alice', color: '#336699' },
      status: 'idle',
      location: { ref: 'elsewhere' },
    });
    applyAwarenessUpdate(b.awareness, encodeAwarenessUpdate(second, [second.clientID]), 'net');
    a.presence.set({ location: { ref: 'here' } });
    deliver();
    const [alice] = b.presence.others();
    expect(b.presence.others()).toHaveLength(1);
    expect(alice).toMatchObject({ sessions: 2, status: 'active', location: { ref: 'here' } });
    expect(() => a.presence.set({ location: { ref: '' } })).toThrow(/location/);
    for (const awareness of [a.awareness, b.awareness, second]) awareness.destroy();
  });

  it('reports a change when availability flips, and only then', () => {
    const timers = createManualTimers();
    const awareness = new Awareness(new Y.Doc());
    let open = true;
    const watchers = new Set<() => void>();
    const presence = createPresence({
      awareness,
      user: { id: 'alice', name: 'Alice', color: '#336699' },
      timers,
      available: () => open,
      onAvailabilityChange: (listener) => {
        watchers.add(listener);
        return () => watchers.delete(listener);
      },
    });
    let changes = 0;
    presence.on('change', () => (changes += 1));
    const transportStateChanged = (): void => watchers.forEach((listener) => listener());

    transportStateChanged();
    expect(changes).toBe(0);
    open = false;
    transportStateChanged();
    expect([presence.available, changes]).toEqual([false, 1]);
    transportStateChanged();
    expect(changes).toBe(1);
    open = true;
    transportStateChanged();
    expect([presence.available, changes]).toEqual([true, 2]);
    presence.close();
    expect(watchers.size).toBe(0);
    awareness.destroy();
  });
});
