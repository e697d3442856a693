import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Client } from '@marginalia/client';
import { countingWebSocket, nodeClient } from './fixtures/node-client.js';
import { useDocument } from './use-document.js';
import { useSyncStatus } from './use-sync-status.js';

const relay = { port: inject('relayPort') };
let client: Client | undefined;

afterEach(async () => {
  cleanup();
  await client?.close();
});

function Status({ docName, label }: { docName: string; label: string }) {
  const handle = useDocument(client!, docName);
  const { status } = useSyncStatus(handle);
  return (
    <p>
      {label}: {status}
    </p>
  );
}

describe('useDocument under StrictMode', () => {
  it('opens one connection for two components mounted twice, and closes it after they unmount', async () => {
    const sockets = countingWebSocket();
    client = nodeClient(relay.port, { id: 'u-strict', name: 'Strict' }, { WebSocket: sockets.WebSocket });
    const docName = `react-test/strict-${process.pid}`;
    const view = render(
      <StrictMode>
        <Status docName={docName} label="one" />
        <Status docName={docName} label="two" />
      </StrictMode>,
    );
    await screen.findByText('one: synced', {}, { timeout: 15_000 });
    expect(screen.getByText('two: synced')).toBeTruthy();
    expect(sockets.urls.map((url) => url.split('?')[0])).toEqual([`ws://127.0.0.1:${relay.port}/v1/sync/${docName}`]);
    expect(client.docs.map((d) => d.name)).toEqual([docName]);

    view.unmount();
    await waitFor(() => expect(client!.docs).toHaveLength(0), { timeout: 5000 });
    expect(sockets.urls).toHaveLength(1);
  });
  it("shares the client's counted open: unmounting the hooks leaves a document that other code opened open", async () => {
    const sockets = countingWebSocket();
    client = nodeClient(relay.port, { id: 'u-shared', name: 'Shared' }, { WebSocket: sockets.WebSocket });
    const docName = `react-test/shared-${process.pid}`;
    const mine = client.open(docName);
    const releases: number[] = [];
    const close = mine.close.bind(mine);
    Object.assign(mine, { close: () => (releases.push(1), close()) });
    const view = render(
      <StrictMode>
        <Status docName={docName} label="hooked" />
      </StrictMode>,
    );
    await screen.findByText('hooked: synced', {}, { timeout: 15_000 });
    view.unmount();
    await waitFor(() => expect(releases).toHaveLength(1), { timeout: 5000 });
    expect(client.docs).toEqual([mine]);
    expect(mine.status).toBe('synced');
    expect(sockets.urls).toHaveLength(1);
    await mine.close();
    expect(client.docs).toHaveLength(0);
  });
});
