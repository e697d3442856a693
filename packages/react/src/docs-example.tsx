import type { Client } from '@marginalia/client';
import { useDocument, useHighlights, useNoteText, usePresence, useSyncStatus, useUnread } from '@marginalia/react';

export function Library({ client }: { client: Client }) {
  const doc = useDocument(client, 'user-42.library'); // shared, ref-counted: one connection
  const highlights = useHighlights(doc);
  const { status, unsyncedChanges } = useSyncStatus(doc);
  const { others } = usePresence(doc);
  const unread = useUnread(doc);
  return (
    <section>
      <p role="status">
        {status === 'synced' ? 'Live' : status === 'offline' ? 'Offline' : 'Connecting'}
        {unsyncedChanges > 0 && ` · ${unsyncedChanges} changes not yet saved`}
      </p>
      <p>Here: {others.map((peer) => `${peer.user.name}${peer.typing ? ' (typing)' : ''}`).join(', ')}</p>
      <button onClick={unread.markRead}>{unread.count} unread</button>
      <ul>
        {highlights.map((h) => (
          <li key={h.id}>
            {h.color}: {h.anchor.kind === 'ref' ? h.anchor.ref : 'text'}
            {h.noteId && <NoteBox doc={doc} noteId={h.noteId} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function NoteBox({ doc, noteId }: { doc: Parameters<typeof useNoteText>[0]; noteId: string }) {
  const { text, setText } = useNoteText(doc, noteId); // setText writes a minimal diff
  return <textarea aria-label="note" value={text} onChange={(e) => setText(e.target.value)} />;
}
