import { IDBFactory } from 'fake-indexeddb';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Client } from '@marginalia/client';
import { nodeClient, synced } from './fixtures/node-client.js';
import { useChanges, useUnread } from './use-changes.js';
import { useDocument } from './use-document.js';
import { usePresence } from './use-presence.js';

const relay = { port: inject('relayPort') };
const clients: Client[] = [];
let docCounter = 0;
const freshDoc = () => `react-test/presence-${process.pid}-${++docCounter}`;
const track = (created: Client) => {
  clients.push(created);
  return created;
};

afterEach(async () => {
  cleanup();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function Here({ client, docName }: { client: Client; docName: string }) {
  const handle = useDocument(client, docName);
  const { self, others } = usePresence(handle);
  return (
    <div>
      <p data-testid="self">{self.user.name}</p>
      <ul aria-label="others">
        {others.map((peer) => (
          <li key={peer.user.id}>
            {peer.user.name} {peer.status} {peer.location?.ref ?? 'nowhere'}{' '}
            {peer.typing ? `typing:${peer.typing.noteId}` : 'quiet'}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Availability({ client, docName }: { client: Client; docName: string }) {
  const handle = useDocument(client, docName);
  const { available } = usePresence(handle);
  return <p data-testid="available">{available ? 'here for others' : 'nobody sees me'}</p>;
}

describe('usePresence', () => {
  it('says whether others can see this user: false offline, true again once the socket is back', async () => {
    const client = track(nodeClient(relay.port, { id: 'u-carol', name: 'Carol' }));
    render(<Availability client={client} docName={freshDoc()} />);
    await screen.findByText('here for others', {}, { timeout: 10_000 });
    act(() => client.disconnect());
    await screen.findByText('nobody sees me', {}, { timeout: 10_000 });
    act(() => client.connect());
    await screen.findByText('here for others', {}, { timeout: 10_000 });
  });

  it("shows another user's location and typing, and drops them when their client closes", async () => {
    const docName = freshDoc();
    render(<Here client={track(nodeClient(relay.port, { id: 'u-alice', name: 'Alice' }))} docName={docName} />);
    expect(screen.getByTestId('self').textContent).toBe('Alice');

    const bobClient = nodeClient(relay.port, { id: 'u-bob', name: 'Bob' });
    const bob = bobClient.open(docName);
    await synced(bob);
    bob.presence.set({ location: { ref: 'alice/1/3' } });
    await screen.findByText('Bob active alice/1/3 quiet', {}, { timeout: 10_000 });

    bob.presence.typing('note-1');
    await screen.findByText('Bob active alice/1/3 typing:note-1', {}, { timeout: 10_000 });

    await bobClient.close();
    await waitFor(() => expect(screen.getByRole('list', { name: 'others' }).children).toHaveLength(0), {
      timeout: 10_000,
    });
  });
});

function News({ client, docName }: { client: Client; docName: string }) {
  const handle = useDocument(client, docName);
  const unread = useUnread(handle);
  const changes = useChanges(handle);
  return (
    <div>
      <p data-testid="unread">{unread.count}</p>
      <p data-testid="changes">{changes.map((c) => c.type).join(',')}</p>
      <button type="button" onClick={unread.markRead}>
        mark read
      </button>
    </div>
  );
}

describe('useUnread and useChanges', () => {
  it("count another user's changes, keep the count across a reload, and clear it on markRead", async () => {
    const docName = freshDoc();
    const aliceDb = new IDBFactory();
    const alice = track(nodeClient(relay.port, { id: 'u-alice', name: 'Alice' }, { indexedDB: aliceDb }));
    render(<News client={alice} docName={docName} />);

    const bob = track(nodeClient(relay.port, { id: 'u-bob', name: 'Bob' })).open(docName);
    await synced(bob);
    for (const ref of ['a', 'b', 'c']) bob.model.highlights.create({ anchor: { kind: 'ref', ref } });
    await waitFor(() => expect(screen.getByTestId('unread').textContent).toBe('3'), { timeout: 10_000 });
    expect(screen.getByTestId('changes').textContent).toBe('highlight.created,highlight.created,highlight.created');

    // Reload: a new client on the same IndexedDB still has the three unread.
    cleanup();
    await alice.close();
    const again = track(nodeClient(relay.port, { id: 'u-alice', name: 'Alice' }, { indexedDB: aliceDb }));
    render(<News client={again} docName={docName} />);
    await waitFor(() => expect(screen.getByTestId('unread').textContent).toBe('3'), { timeout: 10_000 });
    // Loading the local copy and the first sync replay old news: useChanges shows none of it...
    await synced(again.docs[0]!);
    expect(screen.getByTestId('changes').textContent).toBe('');
    // ...but what Bob does after the reload.
    bob.model.highlights.create({ anchor: { kind: 'ref', ref: 'd' } });
    await waitFor(() => expect(screen.getByTestId('unread').textContent).toBe('4'), { timeout: 10_000 });
    expect(screen.getByTestId('changes').textContent).toBe('highlight.created');

    act(() => screen.getByRole('button', { name: 'mark read' }).click());
    expect(screen.getByTestId('unread').textContent).toBe('0');
  });
});
