import { useMemo } from 'react';
import { groupActivity, type ActivityGroup, type Model, type OrphanNote } from '@marginalia/model';
import { useExternalValue } from '@marginalia/react';

/** Notes whose highlight is gone (deleted here or elsewhere, also while offline), oldest first. */
export function useOrphanNotes(model: Model): readonly OrphanNote[] {
  const { orphans } = model;
  return useExternalValue(
    (onChange) => orphans.observe(onChange),
    () => orphans.notes(),
    [orphans],
  );
}

/** The activity feed read from the doc, grouped by person and time (newest first). */
export function useActivityGroups(model: Model): readonly ActivityGroup[] {
  const { activity } = model;
  const entries = useExternalValue(
    (onChange) => activity.observe(onChange),
    () => activity.list(),
    [activity],
  );
  return useMemo(() => groupActivity(entries), [entries]);
}
