import { useState } from 'react';
import type { SyncState } from '@marginalia/react';
import type { PeerView } from '../view-types.js';
import { DocSwitcher } from './doc-switcher.js';
import { PresenceBar } from './presence-bar.js';
import { OfflineSwitch, SyncStatus } from './sync-status.js';
import type { UserProfile } from '../lib/user-profile.js';

interface ReaderHeaderProps {
  readonly docName: string;
  readonly profile: UserProfile;
  readonly offline: boolean;
  readonly onOffline: (offline: boolean) => void;
  readonly onOpenDoc: (name: string) => void;
  readonly onEditProfile: () => void;
  readonly peers: readonly PeerView[];
  readonly sync: SyncState;
  /** "Retry now" while the relay is unreachable. */
  readonly onRetry: () => void;
}

/** The header: one compact row on a phone (the document switcher folds away, labels shrink to icons). */
export function ReaderHeader({
  docName,
  profile,
  offline,
  onOffline,
  onOpenDoc,
  onEditProfile,
  peers,
  sync,
  onRetry,
}: ReaderHeaderProps) {
  const [docOpen, setDocOpen] = useState(false);
  return (
    <header className={`app-header${docOpen ? ' doc-open' : ''}`}>
      <span className="brand">Marginalia</span>
      <button
        type="button"
        className="button doc-toggle"
        aria-expanded={docOpen}
        aria-label={`Document: ${docName}`}
        onClick={() => setDocOpen(!docOpen)}
      >
        Doc
      </button>
      <DocSwitcher key={docName} current={docName} onOpen={onOpenDoc} />
      <span className="spacer" />
      <PresenceBar peers={peers} unavailable={sync.state.kind === 'http-fallback'} />
      <button
        type="button"
        className="button profile-button"
        onClick={onEditProfile}
        aria-label={`Change your name (${profile.name})`}
      >
        {profile.name}
      </button>
      <SyncStatus state={sync.state} unsyncedChanges={sync.unsyncedChanges} onRetry={onRetry} />
      <OfflineSwitch offline={offline} onChange={onOffline} />
      <a className="button sidebar-link" href="#sidebar">
        Notes
      </a>
    </header>
  );
}
