// (c) The browser side of a strict consumer (lib ES2022 + DOM): React hooks over the client, and the
// editor bindings.
import { createClient, type DocHandle } from '@marginalia/client';
import { createMarginaliaCodeMirror } from '@marginalia/codemirror';
import { createMarginaliaTiptap } from '@marginalia/prosemirror/tiptap';
import { useDocument, useSyncStatus } from '@marginalia/react';

const client = createClient({ url: 'wss://relay.example.com', user: { id: 'u', name: 'U' } });

export function Status({ name }: { readonly name: string }) {
  const handle = useDocument(client, name);
  const status = useSyncStatus(handle);
  return <p>{status.status}</p>;
}

// The editor bindings' declarations, with their editors' own, under the same strict options.
export function bindEditors(handle: DocHandle): { codeHighlights: number; tiptapExtensions: number } {
  const code = createMarginaliaCodeMirror(handle, { field: 'code' });
  const prose = createMarginaliaTiptap(handle, { field: 'essay', onHighlightClick: (h) => h.noteId });
  return { codeHighlights: code.highlights().length, tiptapExtensions: prose.extensions.length };
}
