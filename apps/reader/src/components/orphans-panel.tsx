import type { OrphanNote } from '@marginalia/model';

interface OrphansPanelProps {
  readonly orphans: readonly OrphanNote[];
  readonly nameOf: (userId: string) => string;
  /** Whether the orphan's old place can be highlighted again (a passage this book has). */
  readonly canReattach: (orphan: OrphanNote) => boolean;
  readonly onReattach: (orphan: OrphanNote) => void;
  readonly onDelete: (orphan: OrphanNote) => void;
}

const REASON: Record<OrphanNote['reason'], string> = {
  highlight_deleted: 'highlight removed',
  unlinked: 'unlinked from its highlight',
  never_linked: 'not on any passage',
  displaced: 'its highlight shows another note (both were added at once)',
};

/** Notes whose highlight is gone: shown with the words they were about, to re-attach or delete. Nothing is hidden. */
export function OrphansPanel({ orphans, nameOf, canReattach, onReattach, onDelete }: OrphansPanelProps) {
  if (orphans.length === 0) return null;
  return (
    <section className="orphans" aria-label="Orphaned notes" data-testid="orphans">
      <h2>Orphaned notes ({orphans.length})</h2>
      <ul>
        {orphans.map((orphan) => (
          <li key={orphan.note.id} className="orphan" data-note-id={orphan.note.id}>
            {orphan.quote !== undefined && <span className="quote">“{orphan.quote}”</span>}
            <p className="note-preview" dir="auto">
              {orphan.note.body === '' ? <em>(empty note)</em> : orphan.note.body}
            </p>
            <span className="meta">
              by {nameOf(orphan.note.createdBy)} · {REASON[orphan.reason]}
              {orphan.deletedBy !== undefined && ` by ${nameOf(orphan.deletedBy)}`}
            </span>
            <span className="dock-row">
              {canReattach(orphan) && (
                <button type="button" className="button" onClick={() => onReattach(orphan)}>
                  Re-attach
                </button>
              )}
              <button type="button" className="button danger" onClick={() => onDelete(orphan)}>
                Delete note
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
