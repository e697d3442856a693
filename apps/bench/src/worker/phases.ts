/** The contract between the coordinator and a client worker process. */

/** A workload's client side: named async steps, run one at a time when the coordinator asks. */
export type Phases = Record<string, (args: never) => Promise<unknown>>;

export interface PhaseRequest {
  readonly id: number;
  readonly phase: string;
  readonly args: unknown;
}

export type PhaseReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** How loaded a worker's event loop was between `loop-reset` and `loop-read`. */
export interface LoopReport {
  /** Event-loop delay percentiles, ms. */
  readonly delayP50: number;
  readonly delayP99: number;
  readonly delayMax: number;
  /** Worker CPU time / wall time over the window (1 = one core fully busy). */
  readonly cpuShare: number;
}
