import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Client } from '@marginalia/client';
import { Library } from './docs-example.js';
import { nodeClient, synced } from './fixtures/node-client.js';

// Paths from strings: happy-dom's URL class is not one node:fs accepts.
const here = dirname(fileURLToPath(import.meta.url));
const relay = { port: inject('relayPort') };
const clients: Client[] = [];
afterEach(async () => {
  cleanup();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('docs/client.md, React section', () => {
  it('shows this file as its example, word for word', () => {
    const guide = readFileSync(join(here, '../../../docs/client.md'), 'utf8');
    const react = guide.slice(guide.indexOf('\n## React'));
    const block = /^```tsx\n([\s\S]*?)^```$/m.exec(react)?.[1];
    expect(block).toBe(readFileSync(join(here, 'docs-example.tsx'), 'utf8'));
  });

  it("renders another user's highlight, note and presence", async () => {
    const alice = nodeClient(relay.port, { id: `alice-${process.pid}`, name: 'Alice' });
    const bobClient = nodeClient(relay.port, { id: `bob-${process.pid}`, name: 'Bob' });
    clients.push(alice, bobClient);
    render(
      <StrictMode>
        <Library client={alice} />
      </StrictMode>,
    );
    await screen.findByText('Live', {}, { timeout: 15_000 });

    const bob = bobClient.open('user-42.library');
    await synced(bob);
    const highlight = bob.model.highlights.create({ anchor: { kind: 'ref', ref: 'ps-23-1' }, color: 'green' });
    bob.model.notes.create({ body: 'still waters', highlightId: highlight.id });
    bob.presence.typing('any-note');
    await screen.findByText('Here: Bob (typing)', {}, { timeout: 10_000 });
    const box = await screen.findByLabelText<HTMLTextAreaElement>('note', {}, { timeout: 10_000 });
    await waitFor(() => expect(box.value).toBe('still waters'), { timeout: 10_000 });
    expect(screen.getByRole('listitem').textContent).toContain('green: ps-23-1');

    fireEvent.change(box, { target: { value: 'still waters, green pastures' } });
    await waitFor(() => expect(bob.model.notes.list()[0]?.body).toBe('still waters, green pastures'), {
      timeout: 10_000,
    });
  });
});
