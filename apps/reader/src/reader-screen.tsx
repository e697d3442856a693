import { useCallback, useMemo, useRef, useState } from 'react';
import {
  HIGHLIGHT_COLORS,
  type ActivityEntry,
  type HighlightColor,
  type Model,
  type OrphanNote,
} from '@marginalia/model';
import {
  useDocument,
  useHighlights,
  useNotes,
  useNoteText,
  usePresence,
  useReadWhileOpen,
  useSyncStatus,
  useUnread,
} from '@marginalia/react';
import type { MarginaliaClient } from './client-setup.js';
import { ActivityFeed } from './components/activity-feed.js';
import { BookView } from './components/book-view.js';
import { HighlightDock } from './components/highlight-dock.js';
import { NoteEditor } from './components/note-editor.js';
import { OrphansPanel } from './components/orphans-panel.js';
import { OverlapChooser } from './components/overlap-chooser.js';
import { ReaderHeader } from './components/reader-header.js';
import { SelectionDock } from './components/selection-dock.js';
import { Sidebar } from './components/sidebar.js';
import { ToastView } from './components/toast-view.js';
import { groupByPassage, highlightViews, peerView, sidebarItems } from './lib/build-views.js';
import type { PassageRange } from './lib/selection-offsets.js';
import { colorForKey, highlightRanges, passageLabel, reattachNote, removeHighlight } from './lib/highlight-actions.js';
import { revealAboveDock, revealPassage } from './lib/reveal.js';
import { useActivity, useClock } from './lib/use-activity.js';
import { useActivityGroups, useOrphanNotes } from './lib/use-model-views.js';
import { usePeople } from './lib/use-people.js';
import { useSeenMarks } from './lib/use-seen.js';
import { useToast } from './lib/use-toasts.js';
import type { UserProfile } from './lib/user-profile.js';
import { alice } from './text/alice.js';
import { indexPassages } from './text/book.js';
import type { HighlightView } from './view-types.js';

const PASSAGES = indexPassages(alice);
const quoteOf = (h: HighlightView) => PASSAGES.get(h.passageId)!.text.slice(h.start, h.end);

export interface ReaderScreenProps {
  readonly client: MarginaliaClient;
  readonly docName: string;
  readonly profile: UserProfile;
  readonly offline: boolean;
  readonly onOffline: (offline: boolean) => void;
  readonly onOpenDoc: (name: string) => void;
  readonly onEditProfile: () => void;
}

/** One open document: the book with everyone's highlights, notes, orphans, activity, presence and sync state. */
export function ReaderScreen(props: ReaderScreenProps) {
  const { client, docName, profile } = props;
  const handle = useDocument(client, docName);
  const { model, presence } = handle;
  const highlights = useHighlights(handle);
  const notes = useNotes(handle);
  const unread = useUnread(handle);
  const orphans = useOrphanNotes(model);
  const activity = useActivityGroups(model);
  const sync = useSyncStatus(handle);
  const here = usePresence(handle);
  const people = usePeople(handle.doc, profile);
  const { toast, dismiss } = useToast(handle);
  const [ranges, setRanges] = useState<PassageRange[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [choice, setChoice] = useState<{ ids: readonly string[]; at: DOMRect } | null>(null);
  const [tagFilter, setTagFilter] = useState<string | null>(null);

  useActivity(useCallback(() => presence.touch(), [presence]));
  const now = useClock(here.others.some((p) => p.typing !== undefined));
  const nameOf = useCallback(
    (userId: string) =>
      model.people.nameOf(userId) ?? people.get(userId)?.name ?? (userId === profile.id ? profile.name : 'Someone'),
    [model, people, profile],
  );

  const selectedHighlight = highlights.find((h) => h.id === selectedId);
  const openIds = useMemo(
    () =>
      selectedHighlight ? [selectedHighlight.id, ...(selectedHighlight.noteId ? [selectedHighlight.noteId] : [])] : [],
    [selectedHighlight],
  );
  useReadWhileOpen(handle, openIds);
  // What is open is being looked at: never shown as new, even between a remote keystroke and its read marker.
  const unreadIds = useMemo(
    () => new Set([...unread.ids].filter((id) => !openIds.includes(id))),
    [unread.ids, openIds],
  );
  useSeenMarks(typeof document === 'undefined' ? null : document.body, unreadIds, unread.markItemsRead);

  const peers = useMemo(
    () => [peerView('self', here.self, true, now), ...here.others.map((p) => peerView(p.user.id, p, false, now))],
    [here, now],
  );
  const views = useMemo(() => highlightViews(highlights, PASSAGES, nameOf, unreadIds), [highlights, nameOf, unreadIds]);
  const byPassage = useMemo(
    () =>
      groupByPassage(
        [...views].sort((a, b) => a.createdAt - b.createdAt),
        (v) => v.passageId,
      ),
    [views],
  );
  const readersByPassage = useMemo(() => groupByPassage(peers, (p) => (p.isSelf ? undefined : p.location)), [peers]);
  const items = useMemo(
    () =>
      sidebarItems(views, PASSAGES, notes, peers, {
        unreadFor: (id) => (openIds.includes(id) ? 0 : unread.countFor(id)),
        editorsOf: (noteId) =>
          editorsOf(model, noteId)
            .filter((id) => id !== model.notes.get(noteId)?.createdBy)
            .map(nameOf),
      }),
    [views, notes, peers, unread, openIds, model, nameOf],
  );
  const tags = useMemo(() => [...new Set(notes.flatMap((n) => n.tags))].sort(), [notes]);
  const selected = views.find((v) => v.id === selectedId) ?? null;
  const noteText = useNoteText(handle, selected?.noteId ?? null);

  const open = useCallback((id: string) => {
    setChoice(null);
    setSelectedId(id);
    revealAboveDock(id);
  }, []);
  const highlight = (color: string, selection: readonly PassageRange[] = ranges) => {
    const last = highlightRanges(model, selection, color as HighlightColor);
    document.getSelection()?.removeAllRanges();
    setRanges([]);
    if (last !== null) open(last);
  };
  const jump = useCallback(
    (entry: ActivityEntry) => {
      if (entry.highlightId !== undefined && model.highlights.has(entry.highlightId)) open(entry.highlightId);
      else if (entry.anchor?.kind === 'ref') revealPassage(entry.anchor.ref);
    },
    [model, open],
  );
  const latestViews = useRef(views);
  latestViews.current = views;
  const onOpenMarks = useCallback(
    (ids: readonly string[], mark: HTMLElement) =>
      ids.length === 1 ? open(ids[0]!) : setChoice({ ids, at: mark.getBoundingClientRect() }),
    [open],
  );
  const location = useCallback(
    (passageId: string) => presence.set({ location: { ref: passageId, label: passageLabel(passageId) } }),
    [presence],
  );
  const canReattach = (o: OrphanNote) => o.anchor?.kind === 'ref' && PASSAGES.has(o.anchor.ref);
  const reattach = (o: OrphanNote) => {
    if (o.anchor?.kind === 'ref') open(reattachNote(model, o.note.id, o.anchor, o.quote, 'yellow'));
  };

  return (
    <div className="app">
      <ReaderHeader {...props} peers={peers} sync={sync} onRetry={() => handle.retryNow()} />
      <ToastView toast={toast} onOpen={open} onDismiss={dismiss} />
      <main className="app-main">
        <BookView
          book={alice}
          highlightsByPassage={byPassage}
          readersByPassage={readersByPassage}
          selectedHighlightId={selectedId}
          onSelection={setRanges}
          onOpenMarks={onOpenMarks}
          onHighlightKey={(index, selection) => highlight(colorForKey(index), selection)}
          onLocation={location}
        />
        <Sidebar
          items={items}
          unreadCount={unread.count}
          selectedId={selectedId}
          tags={tags}
          tagFilter={tagFilter}
          onTagFilter={setTagFilter}
          onOpen={open}
          onMarkRead={unread.markRead}
          before={
            <OrphansPanel
              orphans={orphans}
              nameOf={nameOf}
              canReattach={canReattach}
              onReattach={reattach}
              onDelete={(o) => model.notes.delete(o.note.id)}
            />
          }
          after={
            <section aria-label="Activity" className="activity-section">
              <h2>Activity</h2>
              <ActivityFeed groups={activity} nameOf={nameOf} onJump={jump} />
            </section>
          }
        />
      </main>
      {choice !== null && (
        <OverlapChooser
          highlights={choice.ids.flatMap((id) => latestViews.current.filter((v) => v.id === id))}
          quoteOf={quoteOf}
          at={choice.at}
          onPick={open}
          onClose={() => setChoice(null)}
        />
      )}
      {ranges.length > 0 && (
        <SelectionDock
          ranges={ranges}
          colors={HIGHLIGHT_COLORS}
          onHighlight={(color) => highlight(color)}
          onCancel={() => document.getSelection()?.removeAllRanges()}
        />
      )}
      {ranges.length === 0 && selected !== null && (
        <HighlightDock
          highlight={selected}
          quote={quoteOf(selected)}
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
              tags={notes.find((n) => n.id === selected.noteId)?.tags ?? []}
              onAddTag={(tag) => model.notes.addTag(selected.noteId!, tag)}
              onRemoveTag={(tag) => model.notes.removeTag(selected.noteId!, tag)}
            />
          )}
        </HighlightDock>
      )}
    </div>
  );
}

/** Everyone whose characters are in a note's body, in order of appearance. */
function editorsOf(model: Model, noteId: string): string[] {
  if (!model.notes.has(noteId)) return [];
  return [
    ...new Set(model.authorship.spans(model.notes.body(noteId)).flatMap((s) => (s.userId === null ? [] : [s.userId]))),
  ];
}
