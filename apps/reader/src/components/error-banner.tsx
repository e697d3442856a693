import { useEffect, useState } from 'react';
import type { ClientError } from '@marginalia/client';
import type { MarginaliaClient } from '../client-setup.js';

const ADVICE: Partial<Record<ClientError['code'], string>> = {
  unauthenticated: 'The relay did not accept your token. Open a fresh link from whoever shared this document.',
  forbidden: 'Your token does not give access to this document.',
  permission_denied: 'You can read this document but not change it; your edits stay on this device.',
  local_store_quota: 'The browser is out of storage: new changes are no longer kept on this device.',
  local_store_blocked: 'Another tab of this app blocks the local database. Close old tabs and reload.',
};

/** Client errors the reader cannot fix by itself (refused tokens, storage trouble), shown as alerts. */
export function ErrorBanner({ client }: { client: MarginaliaClient }) {
  const [errors, setErrors] = useState<readonly { key: string; text: string }[]>([]);
  useEffect(
    () =>
      client.on('error', (error, docName) => {
        if (error.code === 'protocol_error' || error.code === 'closed') return; // retried by the client
        const text = `${docName}: ${ADVICE[error.code] ?? error.message}`;
        setErrors((previous) => (previous.some((e) => e.text === text) ? previous : [...previous, { key: `${Date.now()}-${previous.length}`, text }]));
      }),
    [client],
  );
  if (errors.length === 0) return null;
  return (
    <div role="alert" className="banner">
      {errors.map((error) => (
        <p key={error.key}>
          {error.text}{' '}
          <button type="button" className="button" onClick={() => setErrors((previous) => previous.filter((e) => e !== error))}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
