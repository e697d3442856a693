// (c) The browser side of a strict consumer (lib ES2022 + DOM): React hooks over the client.
import { createClient } from '@marginalia/client';
import { useDocument, useSyncStatus } from '@marginalia/react';

const client = createClient({ url: 'wss://relay.example.com', user: { id: 'u', name: 'U' } });

export function Status({ name }: { readonly name: string }) {
  const handle = useDocument(client, name);
  const status = useSyncStatus(handle);
  return <p>{status.status}</p>;
}
