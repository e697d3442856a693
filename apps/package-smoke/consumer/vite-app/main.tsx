// (d) A small React app on @marginalia/client and @marginalia/react, with both editor bindings
// (editors.ts) on the same document, bundled by Vite from the installed tarballs.
import { useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '@marginalia/client';
import { useDocument, useSyncStatus } from '@marginalia/react';
import { mountEditors } from './editors.js';

const client = createClient({ url: `ws://${location.host}`, user: { id: 'reader', name: 'Reader' } });

function App() {
  const handle = useDocument(client, 'smoke/app');
  const { status } = useSyncStatus(handle);
  const prose = useRef<HTMLDivElement>(null);
  const code = useRef<HTMLDivElement>(null);
  useEffect(() => mountEditors(handle, prose.current!, code.current!), [handle]);
  return (
    <>
      <p>{status}</p>
      <div ref={prose} />
      <div ref={code} />
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
