import { afterEach, describe, expect, it, onTestFailed } from 'vitest';
import {
  createRng,
  createTempDir,
  fuzzSeeds,
  removeTempDir,
  startRelayProcess,
  waitUntil,
  type RelayProcess,
  type Rng,
} from '@marginalia/testkit';
import * as Y from 'yjs';
import type { ClientOptions } from './client-options.js';
import { applyRandomOp } from './fixtures/fuzz-ops.js';
import { createClientReplica, createStockReplica, type FuzzReplica } from './fixtures/fuzz-replica.js';
import { docState, relayDiagnostics, relayDoc, sameVector, storedDoc } from './fixtures/fuzz-state.js';
import { crash, restartRelay } from './fixtures/relay.js';

// Seeded convergence fuzz through the real relay process: @marginalia/client replicas (fake IndexedDB,
// durability acks) and stock y-websocket providers make random edits, go offline and online, clients
// reload, fresh devices join, and the relay is stopped (SIGTERM) and killed (SIGKILL) mid-run. At the end
// every replica, the relay and a doc rebuilt from the relay's SQLite rows hold the same state, byte for byte.
// Replay one case with SEED=<n> (the op sequence replays; network timing does not); FUZZ_STEPS=<n> for longer runs.
const SEEDS = fuzzSeeds(process.env.SEED, 4);
const STEPS = Number(process.env.FUZZ_STEPS ?? 120);
const fast: Partial<ClientOptions> = { backoff: { initialMs: 30, maxMs: 300 } };

/** Lets sockets and timers run for a moment between steps (pacing, never followed by an assertion). */
const letNetworkRun = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Run {
  readonly seed: number;
  readonly rng: Rng;
  readonly docName: string;
  readonly args: string[];
  relay: RelayProcess;
  readonly replicas: FuzzReplica[];
  readonly trace: string[];
}

const subscribeAll = (replicas: readonly FuzzReplica[]) => (onEvent: () => void) => {
  const offs = replicas.map((replica) => replica.subscribe(onEvent));
  return () => offs.forEach((off) => off());
};

const describeReplicas = (replicas: readonly FuzzReplica[]): string =>
  replicas.map((r) => `${r.name}: ${r.describe()}`).join('\n');

/** Waits for `check`; on timeout the error tells where every replica stands at that moment. */
async function waitFor(run: Run, check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  try {
    await waitUntil(check, subscribeAll(run.replicas), { timeoutMs, what });
  } catch (error) {
    const relay = run.relay.running() ? await relayDiagnostics(run.relay, run.docName) : 'relay down';
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n${describeReplicas(run.replicas)}\n${relay}`,
      { cause: error },
    );
  }
}

/**
 * Stops (SIGTERM) or kills (SIGKILL) the relay, then, before anyone can send anything again, reads its
 * SQLite file: every change a client saw acknowledged is stored.
 */
async function takeDownAndCheckAcked(run: Run, how: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  const acked = run.replicas.flatMap((r) => {
    const clock = r.ackedOwnClock();
    return clock === undefined || clock === 0 ? [] : [{ name: r.name, client: r.doc.clientID, clock }];
  });
  if (how === 'SIGTERM') expect(await run.relay.stop('SIGTERM')).toBe(0);
  else await crash(run.relay);
  const { doc } = await storedDoc(run.relay.dataDir, run.docName);
  for (const { name, client, clock } of acked) {
    expect(Y.getState(doc.store, client), `${name}'s acknowledged changes after ${how}`).toBeGreaterThanOrEqual(clock);
  }
  run.trace.push(
    `   acknowledged before ${how} and stored: ${acked.map((a) => `${a.name}@${a.clock}`).join(' ') || 'none'}`,
  );
}

interface Plan {
  readonly term: number;
  readonly kill: number;
  readonly downFor: number;
}

async function step(run: Run, index: number, plan: Plan, down: { until: number }): Promise<void> {
  const { rng, replicas, trace } = run;
  if (index === plan.term || index === plan.kill) {
    const how = index === plan.term ? 'SIGTERM' : 'SIGKILL';
    trace.push(`${index}: relay ${how}`);
    await takeDownAndCheckAcked(run, how);
    down.until = index + plan.downFor;
  }
  if (index === down.until) {
    trace.push(`${index}: relay restart`);
    run.relay = await restartRelay(run.relay, { args: run.args });
  }
  const replica = rng.pick(replicas)!;
  const roll = rng();
  if (roll < 0.74) {
    // Mostly one edit, sometimes a burst (typing, a batch of highlights) with no network turn in between.
    const count = rng.chance(0.15) ? 2 + rng.int(20) : 1;
    const ops = Array.from({ length: count }, () => applyRandomOp(rng, replica.model));
    trace.push(`${index}: ${replica.name} ${ops.join(', ')}`);
  } else if (roll < 0.88) {
    trace.push(`${index}: ${replica.name} ${replica.online ? 'offline' : 'online'}`);
    if (replica.online) replica.goOffline();
    else replica.goOnline();
  } else if (roll < 0.93 && replica.reload !== undefined) {
    trace.push(`${index}: ${replica.name} reload`);
    await replica.reload();
  } else if (roll < 0.95) {
    // A new device with empty local state takes this replica's place (what it never sent is gone with it).
    trace.push(`${index}: ${replica.name} replaced by a fresh ${replica.kind}`);
    await replica.close();
    replicas[replicas.indexOf(replica)] = await joinFresh(run, replica.kind, replica.name);
  } else if (replica.online && run.relay.running()) {
    trace.push(`${index}: ${replica.name} wait until settled`);
    await waitFor(run, () => replica.settled(), `${replica.name} to settle`, 20_000);
  }
  await letNetworkRun(rng.int(12));
}

async function converge(run: Run): Promise<void> {
  const { replicas } = run;
  if (!run.relay.running()) run.relay = await restartRelay(run.relay, { args: run.args });
  replicas.forEach((replica) => replica.goOnline());
  const [first] = replicas as [FuzzReplica];
  const done = (): boolean => replicas.every((r) => r.settled() && sameVector(r.doc, first.doc));
  await waitFor(run, done, 'every replica synced with equal state vectors', 30_000);
}

function joinFresh(run: Run, kind: FuzzReplica['kind'], name: string): Promise<FuzzReplica> {
  if (kind === 'stock') return Promise.resolve(createStockReplica(run.relay.syncUrl, run.docName, name));
  return createClientReplica(run.relay.url.replace('http', 'ws'), run.docName, name, fast);
}

async function runCase(seed: number, cleanup: Array<() => Promise<void>>): Promise<void> {
  const rng = createRng(seed);
  const dataDir = createTempDir('marginalia-fuzz-');
  const args = ['--compact-rows', String(3 + rng.int(20))];
  const relay = await startRelayProcess({ dataDir, args });
  const run: Run = { seed, rng, docName: `fuzz.seed-${seed}`, args, relay, replicas: [], trace: [] };
  cleanup.push(async () => {
    await Promise.all(run.replicas.map((r) => r.close()));
    if (run.relay.running()) await run.relay.kill();
    removeTempDir(dataDir);
  });
  onTestFailed(() =>
    console.log(
      `relay convergence fuzz failed: replay with SEED=${seed}\nlast steps:\n${run.trace.slice(-40).join('\n')}`,
    ),
  );
  const clients = 2 + rng.int(2);
  const stocks = 1 + rng.int(2);
  for (let i = 0; i < clients; i++) run.replicas.push(await joinFresh(run, 'client', `client${i}`));
  for (let i = 0; i < stocks; i++) run.replicas.push(await joinFresh(run, 'stock', `stock${i}`));

  // One SIGTERM in the first half, one SIGKILL in the second; each down for a few steps (ops go on offline).
  const half = Math.floor(STEPS / 2);
  const plan: Plan = {
    term: rng.int(half),
    kill: half + 10 + rng.int(Math.max(1, half - 20)),
    downFor: 2 + rng.int(8),
  };
  const down = { until: -1 };
  for (let index = 0; index < STEPS; index++) await step(run, index, plan, down);
  await converge(run);

  const expected = docState(run.replicas[0]!.doc);
  expect(expected.pending, 'structs left pending').toBe(false);
  for (const replica of run.replicas.slice(1))
    expect(docState(replica.doc), `${replica.name} equals ${run.replicas[0]!.name}`).toEqual(expected);
  expect(docState(await relayDoc(run.relay.url, run.docName)), 'the relay doc').toEqual(expected);
  expect(await run.relay.stop('SIGTERM')).toBe(0);
  const stored = await storedDoc(dataDir, run.docName);
  expect(stored.rows).toBeGreaterThan(0);
  expect(docState(stored.doc), 'the doc rebuilt from SQLite').toEqual(expected);
}

describe('convergence through the real relay process (seeded fuzz; replay with SEED=<n>)', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const done of cleanup.splice(0)) await done();
  });

  it.each(SEEDS)(
    'seed %i: clients and stock providers with random edits, partitions, reloads, SIGTERM and SIGKILL of the relay end byte-identical',
    (seed) => runCase(seed, cleanup),
    90_000,
  );
});
