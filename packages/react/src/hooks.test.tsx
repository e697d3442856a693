import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Client, DocHandle } from '@marginalia/client';
import { nodeClient, synced } from './fixtures/node-client.js';
import { useDocument } from './use-document.js';
import { useHighlights, useNotes, useNoteText } from './use-model.js';
import { useSyncStatus } from './use-sync-status.js';

const relay = { port: inject('relayPort') };
const clients: Client[] = [];
let docCounter = 0;
const freshDoc = () => `react-test/hooks-${process.pid}-${++docCounter}`;
const client = (name: string) => {
  const created = nodeClient(relay.port, { id: `u-${name.toLowerCase()}`, name });
  clients.push(created);
  return created;
};

afterEach(async () => {
  cleanup();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function HighlightList({
  client,
  docName,
  onHandle,
}: {
  client: Client;
  docName: string;
  onHandle?: (h: DocHandle) => void;
}) {
  const handle = useDocument(client, docName);
  onHandle?.(handle);
  const highlights = useHighlights(handle);
  const sync = useSyncStatus(handle);
  return (
    <div>
      <span data-testid="status">{sync.status}</span>
      <span data-testid="unsynced">{sync.unsyncedChanges}</span>
      <ul aria-label="highlights">
        {highlights.map((h) => (
          <li key={h.id} data-color={h.color}>
            {h.anchor.kind === 'ref' ? h.anchor.ref : 'text'}
          </li>
        ))}
      </ul>
    </div>
  );
}

describe('useHighlights and useSyncStatus', () => {
  it("shows another client's highlight and its recolour, and counts local changes until the relay stored them", async () => {
    const docName = freshDoc();
    let handleA: DocHandle | undefined;
    render(<HighlightList client={client('Alice')} docName={docName} onHandle={(h) => (handleA = h)} />);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('synced'), { timeout: 15_000 });

    const bob = client('Bob').open(docName);
    await synced(bob);
    const created = bob.model.highlights.create({
      anchor: { kind: 'ref', ref: 'verse-1', start: 0, end: 5 },
      color: 'green',
    });
    const item = await screen.findByText('verse-1', {}, { timeout: 10_000 });
    expect(item.dataset.color).toBe('green');

    bob.model.highlights.update(created.id, { color: 'blue' });
    await waitFor(() => expect(screen.getByText('verse-1').dataset.color).toBe('blue'), { timeout: 10_000 });

    act(() => {
      handleA!.model.highlights.create({ anchor: { kind: 'ref', ref: 'verse-2' }, color: 'pink' });
    });
    expect(screen.getByText('verse-2').dataset.color).toBe('pink');
    expect(Number(screen.getByTestId('unsynced').textContent)).toBeGreaterThan(0);
    await waitFor(() => expect(screen.getByTestId('unsynced').textContent).toBe('0'), { timeout: 10_000 });
    expect(screen.getByTestId('status').textContent).toBe('synced');
    await waitFor(() => expect(bob.model.highlights.list().map((h) => h.color)).toEqual(['blue', 'pink']), {
      timeout: 10_000,
    });
  });
});

function NoteBox({ client, docName, noteId }: { client: Client; docName: string; noteId: string }) {
  const handle = useDocument(client, docName);
  const note = useNoteText(handle, noteId);
  return <textarea aria-label="note" value={note.text} onChange={(e) => note.setText(e.target.value)} />;
}

describe('useNoteText', () => {
  it('shows what another client types, and both people typing keep their words', async () => {
    const docName = freshDoc();
    const bob = client('Bob').open(docName);
    await synced(bob);
    const note = bob.model.notes.create({ body: 'middle' });
    await synced(bob);

    render(<NoteBox client={client('Alice')} docName={docName} noteId={note.id} />);
    const box = screen.getByLabelText<HTMLTextAreaElement>('note');
    await waitFor(() => expect(box.value).toBe('middle'), { timeout: 10_000 });

    // Alice appends through the textarea while Bob, concurrently, writes at the start.
    fireEvent.change(box, { target: { value: 'middle end' } });
    bob.model.notes.insertText(note.id, 0, 'start ');
    await waitFor(() => expect(box.value).toBe('start middle end'), { timeout: 10_000 });
    await waitFor(() => expect(bob.model.notes.get(note.id)?.body).toBe('start middle end'), { timeout: 10_000 });
  });

  it('is empty for a note this replica does not know yet, and fills in when it arrives', async () => {
    const docName = freshDoc();
    const bob = client('Bob').open(docName);
    await synced(bob);
    render(<NoteBox client={client('Alice')} docName={docName} noteId="not-yet" />);
    const box = screen.getByLabelText<HTMLTextAreaElement>('note');
    expect(box.value).toBe('');
    const created = bob.model.notes.create({ body: 'arrived' });
    render(<NoteBox client={clients[clients.length - 1]!} docName={docName} noteId={created.id} />);
    await waitFor(() => expect(screen.getAllByLabelText<HTMLTextAreaElement>('note')[1]!.value).toBe('arrived'), {
      timeout: 10_000,
    });
  });
});

function NoteList({ client, docName }: { client: Client; docName: string }) {
  const notes = useNotes(useDocument(client, docName));
  return (
    <ul aria-label="notes">
      {notes.map((n) => (
        <li key={n.id}>{n.body}</li>
      ))}
    </ul>
  );
}

describe('useNotes', () => {
  it("lists another client's notes as they are created, edited and deleted", async () => {
    const docName = freshDoc();
    render(<NoteList client={client('Alice')} docName={docName} />);
    const bob = client('Bob').open(docName);
    await synced(bob);
    const first = bob.model.notes.create({ body: 'first' });
    bob.model.notes.create({ body: 'second' });
    const list = screen.getByRole('list', { name: 'notes' });
    // Notes created in the same millisecond are listed by id (the same order on every replica), so compare as sets.
    const shown = (): string[] => [...list.children].map((li) => li.textContent ?? '').sort();
    await waitFor(() => expect(shown()).toEqual(['first', 'second']), { timeout: 10_000 });
    bob.model.notes.insertText(first.id, 5, ' edited');
    await waitFor(() => expect(shown()).toEqual(['first edited', 'second']), { timeout: 10_000 });
    bob.model.notes.delete(first.id);
    await waitFor(() => expect([...list.children].map((li) => li.textContent)).toEqual(['second']), {
      timeout: 10_000,
    });
  });
});
