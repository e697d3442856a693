import { useCallback, useEffect, useMemo, useState } from 'react';
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
import { useActivity, useBeforeUnload } from './lib/use-activity.js';
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
  const [now, setNow] = useState(() => Date.now());

  useActivity(useCallback(() => presence.touch(), [presence]));
  useBeforeUnload(sync.unsyncedChanges > 0);
  useEffect(() => setSelectedId(null), [docName]);
  // Typing indicators expire by time: refresh the clock while someone is typing.
  useEffect(() => {
    if (!here.others.some((p) => p.typing !== undefined)) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [here.others]);

  const nameOf = useCallback((userId: string) => people.get(userId)?.name ?? (userId === profile.id ? profile.name : undefined), [people, profile]);
  const { notifications, dismiss } = useNotifications(handle, nameOf);

  const peers = useMemo(
    () => [peerView('self', here.self, true, now), ...here.others.map((p) => peerView(p.user.id, p, false, now))],
    [here, now],
  );
  const views = useMemo(
    () => highlightViews(highlights, PASSAGES, (id) => nameOf(id) ?? 'Someone', unread.ids),
    [highlights, nameOf, unread.ids],
  );
  const byPassage = useMemo(() => groupByPassage(views), [views]);
  const readersByPassage = useMemo(() => groupByPassage(peers.filter((p) => !p.isSelf && p.location).map((p) => ({ ...p, passageId: p.location! }))), [peers]);
  const items = useMemo(() => sidebarItems(views, PASSAGES, notes, peers), [views, notes, peers]);
  const selected = views.find((v) => v.id === selectedId) ?? null;
  const noteText = useNoteText(handle, selected?.noteId ?? null);

  const colorAt = (index: number): HighlightColor => HIGHLIGHT_COLORS[Math.max(0, index - 1)] ?? HIGHLIGHT_COLORS[0];
  const highlight = (color: string, selection: readonly PassageRange[] = ranges) => {
    if (selection.length === 0) return;
    let last: string | null = null;
    for (const range of selection) {
      const created = model.highlights.create({
        anchor: { kind: 'ref', ref: range.passageId, start: range.start, end: range.end },
        color: color as HighlightColor,
      });
      last = created.id;
    }
    document.getSelection()?.removeAllRanges();
    setRanges([]);
    setSelectedId(last);
  };
  const open = (id: string) => {
    setSelectedId(id);
    if (unread.ids.has(id) || unread.ids.has(views.find((v) => v.id === id)?.noteId ?? '')) unread.markRead();
    document.querySelector(`mark[data-highlight-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  const addNote = () => {
    if (selected === null) return;
    model.notes.create({ highlightId: selected.id });
  };
  const remove = () => {
    if (selected === null) return;
    if (selected.noteId !== undefined && model.notes.has(selected.noteId)) model.notes.delete(selected.noteId);
    model.highlights.delete(selected.id);
    setSelectedId(null);
  };
  const location = useCallback(
    (passageId: string) => presence.set({ location: { ref: passageId, label: passageLabel(passageId) } }),
    [presence],
  );

  return (
    <div className="app">
      <header className="app-header">
        <h1>Marginalia</h1>
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
          onHighlightKey={(index, selection) => highlight(colorAt(index), selection)}
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
          onRemove={remove}
          onAddNote={addNote}
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

function passageLabel(passageId: string): string {
  const [, chapter, paragraph] = passageId.split('/');
  return `Chapter ${chapter}, paragraph ${paragraph}`;
}
