import type { Sizes } from '../sizes.js';
import { createColdLoadWorkload } from './cold-load.js';
import { createFanoutWorkload } from './fanout.js';
import { createIdleWorkload } from './idle.js';
import { createOfflineMergeWorkload } from './offline-merge.js';
import { createRoomsWorkload } from './rooms.js';
import type { Workload } from './workload.js';

/** Workload families selectable with `--only`. Workload 6 (ack latency) is measured inside `rooms`. */
export const WORKLOAD_NAMES = ['fanout', 'rooms', 'idle', 'cold', 'offline'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export function createWorkloads(sizes: Sizes, only: readonly WorkloadName[]): Workload[] {
  const all: Record<WorkloadName, () => Workload[]> = {
    fanout: () => sizes.fanout.readers.map(createFanoutWorkload),
    rooms: () => [createRoomsWorkload()],
    idle: () => [createIdleWorkload()],
    cold: () => [createColdLoadWorkload()],
    offline: () => [createOfflineMergeWorkload()],
  };
  return WORKLOAD_NAMES.filter((name) => only.includes(name)).flatMap((name) => all[name]());
}
