import { useCallback, useMemo, useRef, useState } from 'react';
import { HIGHLIGHT_COLORS, type HighlightColor } from '@marginalia/model';
import { useDocument, useHighlights, useNotes, useNoteText, usePresence, useSyncStatus, useUnread } from '@marginalia/react';
import type { MarginaliaClient } from './client-setup.js';
import { BookView } from './components/book-view.js';
import { DocSwitcher } from './components/doc-switcher.js';
import { HighlightDock } from './components/highlight-dock.js';
import { NoteEditor } from './components/note-editor.js';
import { PresenceBar } from './components/presence-bar.js';
import { SelectionDock } from './components/selection-dock.js';
import { Sidebar } from './components/sidebar.js';
import { OfflineSwitch, SyncStatus } from './components/sync-status.js';
import { groupByPassage, highlightViews, peerView, sidebarItems } from './lib/build-views.js';
import type { PassageRange } from './lib/selection-offsets.js';
import { colorForKey, highlightRanges, passageLabel, removeHighlight } from './lib/highlight-actions.js';
import { useActivity, useClock } from './lib/use-activity.js';
import { useNotifications } from './lib/use-notifications.js';
import { usePeople } from './lib/use-people.js';
import type { UserProfile } from './lib/user-profile.js';
import { alice } from './text/alice.js';
import { indexPassages } from './text/book.js';

const PASSAGES = indexPassages(alice);

interface ReaderScreenProps {
  readonly client: MarginaliaClient;
  readonly docName: string;
  readonly profile: UserProfile;
  readonly offline: boolean;
  readonly onOffline: (offline: boolean) => void;
  readonly onOpenDoc: (name: string) => void;
  readonly onEditProfile: () => void;
}

/** One open document: the book with everyone's highlights, notes, presence and sync state. */
export function ReaderScreen(props: ReaderScreenProps) {
  const { client, docName, profile, offline, onOffline, onOpenDoc, onEditProfile } = props;
  const handle = useDocument(client, docName);
  const { model, presence } = handle;
  const highlights = useHighlights(handle);
  const notes = useNotes(handle);
  const unread = useUnread(handle);
  const sync = useSyncStatus(handle);
  const here = usePresence(handle);
  const people = usePeople(handle.doc, profile);
  const [ranges, setRanges] = useState<PassageRange[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useActivity(useCallback(() => presence.touch(), [presence]));
  const now = useClock(here.others.some((p) => p.typing !== undefined));

  const nameOf = useCallback((userId: string) => people.get(userId)?.name ?? (userId === profile.id ? profile.name : undefined), [people, profile]);
  const { notifications, dismiss } = useNotifications(handle);

  const peers = useMemo(
    () => [peerView('self', here.self, true, now), ...here.others.map((p) => peerView(p.user.id, p, false, now))],
    [here, now],
  );
  const views = useMemo(
    () => highlightViews(highlights, PASSAGES, (id) => nameOf(id) ?? 'Someone', unread.ids),
    [highlights, nameOf, unread.ids],
  );
  const byPassage = useMemo(() => groupByPassage([...views].sort((a, b) => a.createdAt - b.createdAt), (v) => v.passageId), [views]);
  const readersByPassage = useMemo(() => groupByPassage(peers, (p) => (p.isSelf ? undefined : p.location)), [peers]);
  const items = useMemo(() => sidebarItems(views, PASSAGES, notes, peers), [views, notes, peers]);
  const selected = views.find((v) => v.id === selectedId) ?? null;
  const noteText = useNoteText(handle, selected?.noteId ?? null);

  const highlight = (color: string, selection: readonly PassageRange[] = ranges) => {
    const last = highlightRanges(model, selection, color as HighlightColor);
    document.getSelection()?.removeAllRanges();
    setRanges([]);
    if (last !== null) setSelectedId(last);
  };
  const latest = useRef({ unread, views });
  latest.current = { unread, views };
  const open = useCallback((id: string) => {
    const { unread, views } = latest.current;
    setSelectedId(id);
    if (unread.ids.has(id) || unread.ids.has(views.find((v) => v.id === id)?.noteId ?? '')) unread.markRead();
    document.querySelector(`mark[data-highlight-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, []);
  const location = useCallback(
    (passageId: string) => presence.set({ location: { ref: passageId, label: passageLabel(passageId) } }),
    [presence],
  );

  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">Marginalia</span>
        <DocSwitcher key={docName} current={docName} onOpen={onOpenDoc} />
        <span className="spacer" />
        <PresenceBar peers={peers} />
        <button type="button" className="button" onClick={onEditProfile} aria-label={`Change your name (${profile.name})`}>
          {profile.name}
        </button>
        <SyncStatus status={sync.status} unsyncedChanges={sync.unsyncedChanges} />
        <OfflineSwitch offline={offline} onChange={onOffline} />
      </header>
      <main className="app-main">
        <BookView
          book={alice}
          highlightsByPassage={byPassage}
          readersByPassage={readersByPassage}
          selectedHighlightId={selectedId}
          onSelection={setRanges}
          onOpenHighlight={open}
          onHighlightKey={(index, selection) => highlight(colorForKey(index), selection)}
          onLocation={location}
        />
        <Sidebar
          items={items}
          notifications={notifications}
          unreadCount={unread.count}
          selectedId={selectedId}
          onOpen={open}
          onMarkRead={unread.markRead}
          onDismiss={dismiss}
        />
      </main>
      {ranges.length > 0 && <SelectionDock ranges={ranges} colors={HIGHLIGHT_COLORS} onHighlight={(color) => highlight(color)} onCancel={() => document.getSelection()?.removeAllRanges()} />}
      {ranges.length === 0 && selected !== null && (
        <HighlightDock
          highlight={selected}
          quote={PASSAGES.get(selected.passageId)!.text.slice(selected.start, selected.end)}
          colors={HIGHLIGHT_COLORS}
          onRecolor={(color) => model.highlights.update(selected.id, { color: color as HighlightColor })}
          onRemove={() => {
            removeHighlight(model, selected);
            setSelectedId(null);
          }}
          onAddNote={() => model.notes.create({ highlightId: selected.id })}
          onClose={() => setSelectedId(null)}
        >
          {selected.noteId !== undefined && (
            <NoteEditor
              noteId={selected.noteId}
              text={noteText.text}
              body={noteText.body}
              setText={noteText.setText}
              typing={peers.filter((p) => !p.isSelf && p.typingIn === selected.noteId).map((p) => p.name)}
              onTyping={() => presence.typing(selected.noteId!)}
            />
          )}
        </HighlightDock>
      )}
    </div>
  );
}

