import { useEffect, useState } from 'react';
import { beforeUnloadGuard } from '@marginalia/client';
import { createReaderClient, type MarginaliaClient } from './client-setup.js';
import { ErrorBanner } from './components/error-banner.js';
import { ProfilePicker } from './components/profile-picker.js';
import { DEFAULT_DOC, docFromHash, hashForDoc } from './lib/doc-route.js';
import { loadProfile, saveProfile, type UserProfile } from './lib/user-profile.js';
import { ReaderScreen } from './reader-screen.js';

/** The document named by the link (`#doc=...`), following hash changes. */
function useDocName(): [string, (name: string) => void] {
  const [name, setName] = useState(() => docFromHash(window.location.hash) ?? DEFAULT_DOC);
  useEffect(() => {
    const onHash = () => setName(docFromHash(window.location.hash) ?? DEFAULT_DOC);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [name, (next) => (window.location.hash = hashForDoc(next))];
}

/** One client per profile: created when the profile is known, closed when it changes. */
function useReaderClient(profile: UserProfile | null): MarginaliaClient | null {
  const [client, setClient] = useState<MarginaliaClient | null>(null);
  useEffect(() => {
    if (profile === null) return;
    const created = createReaderClient(profile);
    // "Leave site?" while any document has changes the relay has not confirmed as stored.
    const unguard = beforeUnloadGuard(created);
    setClient(created);
    return () => {
      unguard();
      setClient(null);
      void created.close();
    };
  }, [profile]);
  return client;
}

export function App() {
  const [profile, setProfile] = useState<UserProfile | null>(() => loadProfile(localStorage));
  const [editing, setEditing] = useState(false);
  const [offline, setOffline] = useState(false);
  const [docName, openDoc] = useDocName();
  const client = useReaderClient(profile);

  useEffect(() => {
    if (client === null) return;
    if (offline) client.disconnect();
    else client.connect();
  }, [client, offline]);

  const save = (next: UserProfile) => {
    saveProfile(localStorage, next);
    setProfile(next);
    setEditing(false);
  };

  if (profile === null || editing) {
    return <ProfilePicker initial={profile} onSave={save} onCancel={profile ? () => setEditing(false) : undefined} />;
  }
  if (client === null) return null;
  return (
    <>
      <ErrorBanner client={client} />
      <ReaderScreen
        key={docName}
        client={client}
        docName={docName}
        profile={profile}
        offline={offline}
        onOffline={setOffline}
        onOpenDoc={openDoc}
        onEditProfile={() => setEditing(true)}
      />
    </>
  );
}
