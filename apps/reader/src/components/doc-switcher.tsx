import { useId, useState, type FormEvent } from 'react';
import { isDocName } from '../lib/doc-route.js';

interface DocSwitcherProps {
  readonly current: string;
  readonly onOpen: (name: string) => void;
}

/** Opens another document (scope) by name; the link to it is `#doc=<name>`. */
export function DocSwitcher({ current, onOpen }: DocSwitcherProps) {
  const [value, setValue] = useState(current);
  const id = useId();
  const valid = isDocName(value.trim());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onOpen(value.trim());
  };
  return (
    <form className="doc-form" onSubmit={submit} role="search" aria-label="Open a document">
      <label htmlFor={id} className="visually-hidden">
        Document name
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={!valid}
        placeholder="e.g. band-7/setlists"
        spellCheck={false}
      />
      <button type="submit" className="button" disabled={!valid}>
        Open
      </button>
    </form>
  );
}
