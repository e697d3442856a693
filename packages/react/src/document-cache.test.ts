import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { peekDocument, RELEASE_DELAY_MS, retainDocument } from './document-cache.js';

function fakeClient() {
  const log: string[] = [];
  return {
    log,
    open(docName: string) {
      log.push(`open ${docName}`);
      return { close: () => void log.push(`close ${docName}`) };
    },
  };
}

describe('document cache', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('shares one handle between retainers and closes it a moment after the last release', () => {
    const client = fakeClient();
    const releaseA = retainDocument(client, 'd');
    const releaseB = retainDocument(client, 'd');
    expect(peekDocument(client, 'd')).toBe(peekDocument(client, 'd'));
    releaseA();
    releaseA(); // idempotent
    vi.advanceTimersByTime(RELEASE_DELAY_MS * 2);
    expect(client.log).toEqual(['open d']);
    releaseB();
    vi.advanceTimersByTime(RELEASE_DELAY_MS);
    expect(client.log).toEqual(['open d', 'close d']);
  });

  it('keeps the handle through a release followed at once by a retain (StrictMode re-mount)', () => {
    const client = fakeClient();
    const first = peekDocument(client, 'd');
    retainDocument(client, 'd')();
    const release = retainDocument(client, 'd');
    vi.advanceTimersByTime(RELEASE_DELAY_MS * 3);
    expect(peekDocument(client, 'd')).toBe(first);
    expect(client.log).toEqual(['open d']);
    release();
    vi.advanceTimersByTime(RELEASE_DELAY_MS);
    expect(client.log).toEqual(['open d', 'close d']);
  });

  it('closes a handle that was only peeked (a render React threw away)', () => {
    const client = fakeClient();
    peekDocument(client, 'd');
    vi.advanceTimersByTime(RELEASE_DELAY_MS);
    expect(client.log).toEqual(['open d', 'close d']);
    peekDocument(client, 'd');
    expect(client.log).toEqual(['open d', 'close d', 'open d']);
  });
});
