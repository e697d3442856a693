import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '@marginalia/testkit';
import type { Client } from './client.js';
import { nodeClient, sameState, synced, waitForHandle } from './fixtures/node-client.js';

describe('client against the real relay: open, load, sync, ack', () => {
  let relay: RelayProcess;
  const clients: Client[] = [];
  beforeAll(async () => {
    relay = await startRelayProcess();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await relay?.stop();
  });
  const client = (id: string) => {
    const made = nodeClient(relay, { id, name: id.toUpperCase() });
    clients.push(made);
    return made;
  };

  it('two clients converge and each reaches synced with no unsynced changes', async () => {
    const a = client('alice').open('lib/basic');
    const b = client('bob').open('lib/basic');
    await a.whenLoaded;
    const highlight = a.model.highlights.create({ anchor: { kind: 'ref', ref: 'gen-1-1' }, color: 'yellow' });
    expect(a.unsyncedChanges).toBeGreaterThan(0);
    await synced(a);
    expect(a.unsyncedChanges).toBe(0);
    await waitForHandle(b, (h) => h.model.highlights.get(highlight.id) !== undefined, 'bob to see the highlight');
    await synced(b);
    expect(sameState(a.doc, b.doc)).toBe(true);
  });
});
