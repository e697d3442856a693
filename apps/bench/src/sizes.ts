/** Workload sizes: the defaults (a few minutes on 2 cores), `--quick`, and the smoke test's. */
export interface Sizes {
  readonly fanout: { readonly readers: readonly number[]; readonly updates: number; readonly rate: number };
  readonly rooms: {
    readonly rooms: number;
    readonly clientsPerRoom: number;
    readonly seconds: number;
    readonly rate: number;
  };
  readonly idle: { readonly clients: number; readonly rooms: number; readonly settleMs: number };
  readonly cold: { readonly highlights: number };
  readonly offline: { readonly edits: number };
}

export const DEFAULT_SIZES: Sizes = {
  fanout: { readers: [50, 200], updates: 2000, rate: 200 },
  rooms: { rooms: 200, clientsPerRoom: 3, seconds: 20, rate: 1 },
  idle: { clients: 2000, rooms: 200, settleMs: 2000 },
  cold: { highlights: 20_000 },
  offline: { edits: 10_000 },
};

export const QUICK_SIZES: Sizes = {
  fanout: { readers: [20], updates: 300, rate: 200 },
  rooms: { rooms: 20, clientsPerRoom: 3, seconds: 4, rate: 1 },
  idle: { clients: 200, rooms: 20, settleMs: 1000 },
  cold: { highlights: 2_000 },
  offline: { edits: 1_000 },
};

export const SMOKE_SIZES: Sizes = {
  fanout: { readers: [3], updates: 20, rate: 200 },
  rooms: { rooms: 2, clientsPerRoom: 2, seconds: 1, rate: 2 },
  idle: { clients: 6, rooms: 2, settleMs: 100 },
  cold: { highlights: 50 },
  offline: { edits: 50 },
};
