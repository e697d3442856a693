import { useEffect, useState } from 'react';
import type { ClientError } from '@marginalia/client';
import type { MarginaliaClient } from '../client-setup.js';
import { REFUSED_ADVICE } from './sync-status.js';

const ADVICE: Partial<Record<ClientError['code'], string>> = {
  unauthenticated: 'The relay did not accept your token. Open a fresh link from whoever shared this document.',
  forbidden: 'Your token does not give access to this document.',
  permission_denied: 'You can read this document but not change it; your edits stay on this device.',
  local_store_quota: 'The browser is out of storage: new changes are no longer kept on this device.',
  local_store_blocked: 'Another tab of this app blocks the local database. Close old tabs and reload.',
  local_store_corrupt:
    'Part of the copy on this device could not be read; it was skipped and comes back from the server.',
  local_store_io: 'The browser could not save to this device. Your changes still go to the server while online.',
};

/** Errors whose own message is written for people (sizes in MB, what was refused). */
const OWN_WORDS: ReadonlySet<ClientError['code']> = new Set(['field_too_large', 'doc_too_large']);

function describe(error: ClientError): string | undefined {
  if (OWN_WORDS.has(error.code))
    return `${error.message.replace(/^[a-z_]+: /, '')}. It was not added; your other changes still sync.`;
  return ADVICE[error.code] ?? REFUSED_ADVICE[error.code];
}

/** Client errors the reader cannot fix by itself (refused tokens, storage trouble), shown as alerts. */
export function ErrorBanner({ client }: { client: MarginaliaClient }) {
  const [errors, setErrors] = useState<readonly { key: string; text: string }[]>([]);
  useEffect(
    () =>
      client.on('error', (error, docName) => {
        const advice = describe(error);
        // protocol_error and closed are healed or expected; a refusal is shown by the status indicator too.
        if (advice === undefined) return;
        const text = `${docName}: ${advice}`;
        setErrors((previous) =>
          previous.some((e) => e.text === text)
            ? previous
            : [...previous, { key: `${Date.now()}-${previous.length}`, text }],
        );
      }),
    [client],
  );
  if (errors.length === 0) return null;
  return (
    <div role="alert" className="banner">
      {errors.map((error) => (
        <p key={error.key}>
          {error.text}{' '}
          <button
            type="button"
            className="button"
            onClick={() => setErrors((previous) => previous.filter((e) => e !== error))}
          >
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
