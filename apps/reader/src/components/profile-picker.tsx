import { useId, useState, type FormEvent } from 'react';
import { USER_COLORS, newUserId, type UserProfile } from '../lib/user-profile.js';

interface ProfilePickerProps {
  readonly initial?: UserProfile | null;
  readonly onSave: (profile: UserProfile) => void;
  readonly onCancel?: () => void;
}

/** First-visit dialog: a name and a colour, kept in localStorage by the caller. */
export function ProfilePicker({ initial, onSave, onCancel }: ProfilePickerProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [color, setColor] = useState(initial?.color ?? USER_COLORS[Math.floor(Math.random() * USER_COLORS.length)]!);
  const titleId = useId();
  const nameId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return;
    onSave({ id: initial?.id ?? newUserId(), name: trimmed.slice(0, 40), color });
  };
  return (
    <div className="dialog-backdrop">
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={submit}>
        <h2 id={titleId}>{initial ? 'Your name and colour' : 'Welcome to Marginalia'}</h2>
        {!initial && <p>Pick a name and a colour so others reading with you know who highlighted what.</p>}
        <label htmlFor={nameId}>Your name</label>
        <input
          id={nameId}
          type="text"
          value={name}
          autoFocus
          required
          maxLength={40}
          onChange={(e) => setName(e.target.value)}
        />
        <label id={`${nameId}-c`}>Your colour</label>
        <div className="color-choices" role="radiogroup" aria-labelledby={`${nameId}-c`}>
          {USER_COLORS.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={c === color}
              aria-label={`Colour ${c}`}
              className="color-choice"
              style={{ background: c }}
              onClick={() => setColor(c)}
            />
          ))}
        </div>
        <div className="actions">
          {onCancel && (
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
          )}
          <button type="submit" className="button primary" disabled={name.trim() === ''}>
            Start reading
          </button>
        </div>
      </form>
    </div>
  );
}
