import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createModel, type Model } from '@marginalia/model';
import { useUnread } from './use-changes.js';
import { useReadWhileOpen } from './use-read-while-open.js';

afterEach(cleanup);

const REMOTE = Symbol('remote');
const sync = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), REMOTE);

function Card({ model, open }: { model: Model; open: readonly string[] }) {
  const holder = { model };
  useReadWhileOpen(holder, open);
  const unread = useUnread(holder);
  return (
    <p>
      <span data-testid="count">{unread.count}</span>
      {[...unread.ids].sort().map((id) => (
        <span key={id} data-testid="unread-id">
          {id}:{unread.countFor(id)}
        </span>
      ))}
    </p>
  );
}

describe('useReadWhileOpen and per-item unread', () => {
  it('keeps the open note read while someone else types in it; other items stay unread', async () => {
    const aliceDoc = new Y.Doc();
    const bobDoc = new Y.Doc();
    const alice = createModel(aliceDoc, { user: { id: 'alice' } });
    const bob = createModel(bobDoc, { user: { id: 'bob' } });
    const h = alice.highlights.create({ anchor: { kind: 'ref', ref: 'p/1' } });
    const other = alice.highlights.create({ anchor: { kind: 'ref', ref: 'p/2' } });
    const n = alice.notes.create({ highlightId: h.id, body: 'Hi' });
    sync(aliceDoc, bobDoc);
    const view = render(<Card model={bob} open={[]} />);
    expect(screen.getByTestId('count').textContent).toBe('3');

    view.rerender(<Card model={bob} open={[h.id, n.id]} />);
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('1'));
    expect(screen.getAllByTestId('unread-id').map((e) => e.textContent)).toEqual([`${other.id}:1`]);

    act(() => {
      alice.notes.insertText(n.id, 2, ' there');
      sync(aliceDoc, bobDoc);
    });
    await waitFor(() => expect(bob.unread.has(n.id)).toBe(false));
    expect(screen.getByTestId('count').textContent).toBe('1');

    view.rerender(<Card model={bob} open={[]} />);
    act(() => {
      alice.notes.insertText(n.id, 0, '! ');
      sync(aliceDoc, bobDoc);
    });
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('2'));
  });
});
