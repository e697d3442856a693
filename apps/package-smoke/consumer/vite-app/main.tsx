// (d) A small React app on @marginalia/client, @marginalia/react and @marginalia/prosemirror,
// bundled by Vite from the installed tarballs.
import { createRoot } from 'react-dom/client';
import { createClient } from '@marginalia/client';
import { useDocument, useSyncStatus } from '@marginalia/react';
import * as prosemirror from '@marginalia/prosemirror';

const client = createClient({ url: `ws://${location.host}`, user: { id: 'reader', name: 'Reader' } });

function App() {
  const handle = useDocument(client, 'smoke/app');
  const { status } = useSyncStatus(handle);
  return <p data-bindings={Object.keys(prosemirror).length}>{status}</p>;
}

createRoot(document.getElementById('root')!).render(<App />);
