/** Command-line flags of `pnpm bench`. */
import { parseArgs } from 'node:util';
import { SERVER_KINDS, type ServerKind } from './servers/server-kind.js';
import { DEFAULT_SIZES, QUICK_SIZES, type Sizes } from './sizes.js';
import { WORKLOAD_NAMES, type WorkloadName } from './workloads/index.js';

export interface BenchArgs {
  readonly sizes: Sizes;
  readonly runs: number;
  readonly only: readonly WorkloadName[];
  readonly servers: readonly ServerKind[];
  readonly write: boolean;
  readonly cpuProf: boolean;
  readonly quick: boolean;
}

export const USAGE = `pnpm bench [--quick] [--runs N] [--only fanout,rooms,idle,cold,offline]
  [--servers marginalia,y-websocket,hocuspocus,raw] [--write] [--cpu-prof]
  sizes: [--readers 50,200] [--updates 2000] [--rate 200] [--rooms 200] [--room-clients 3]
         [--seconds 20] [--idle-clients 2000] [--idle-rooms 200] [--highlights 20000] [--edits 10000]`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      only: { type: 'string' },
      servers: { type: 'string' },
      write: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      readers: { type: 'string' },
      updates: { type: 'string' },
      rate: { type: 'string' },
      rooms: { type: 'string' },
      'room-clients': { type: 'string' },
      seconds: { type: 'string' },
      'idle-clients': { type: 'string' },
      'idle-rooms': { type: 'string' },
      highlights: { type: 'string' },
      edits: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new Error(USAGE);
  const base = values.quick ? QUICK_SIZES : DEFAULT_SIZES;
  const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : positive(v));
  const sizes: Sizes = {
    fanout: {
      readers: values.readers ? values.readers.split(',').map(positive) : base.fanout.readers,
      updates: num(values.updates, base.fanout.updates),
      rate: num(values.rate, base.fanout.rate),
    },
    rooms: {
      rooms: num(values.rooms, base.rooms.rooms),
      clientsPerRoom: num(values['room-clients'], base.rooms.clientsPerRoom),
      seconds: num(values.seconds, base.rooms.seconds),
      rate: base.rooms.rate,
    },
    idle: {
      clients: num(values['idle-clients'], base.idle.clients),
      rooms: num(values['idle-rooms'], base.idle.rooms),
      settleMs: base.idle.settleMs,
    },
    cold: { highlights: num(values.highlights, base.cold.highlights) },
    offline: { edits: num(values.edits, base.offline.edits) },
  };
  return {
    sizes,
    runs: num(values.runs, values.quick ? 1 : 3),
    only: values.only ? pick(values.only, WORKLOAD_NAMES) : WORKLOAD_NAMES,
    servers: values.servers ? pick(values.servers, SERVER_KINDS) : SERVER_KINDS,
    write: values.write ?? false,
    cpuProf: values['cpu-prof'] ?? false,
    quick: values.quick ?? false,
  };
}

function positive(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`expected a positive number, got "${text}"\n${USAGE}`);
  return n;
}

function pick<T extends string>(list: string, allowed: readonly T[]): T[] {
  const names = list.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!allowed.includes(name as T))
      throw new Error(`unknown "${name}"; expected one of ${allowed.join(', ')}\n${USAGE}`);
  }
  return allowed.filter((name) => names.includes(name));
}
