import {
  createCountingRegistry,
  type Counter,
  type Gauge,
  type Histogram,
  type MetricsRegistry,
} from './metrics-registry.js';

/**
 * The relay's instruments (names and meanings are documented in docs/operations.md). `registry`
 * can take more (e.g. from limits or auth code). Without one, numbers are only counted: `createRelay`
 * passes a prom-client registry (`createPromMetricsRegistry`) that `/metrics` renders.
 */
export interface RelayMetrics {
  readonly registry: MetricsRegistry;
  readonly connections: Gauge;
  readonly docsLoaded: Gauge;
  readonly messagesIn: Counter;
  readonly messagesOut: Counter;
  readonly bytesIn: Counter;
  readonly bytesOut: Counter;
  /** Seconds from a batch's cut to its commit in the store. */
  readonly persistSeconds: Histogram;
  readonly updatesPersisted: Counter;
  readonly compactions: Counter;
  /** Everything refused, by `reason` label (bad_update, rate_limited, unauthenticated, ...). */
  readonly refusals: Counter;
  /** 1 for the fanout's current `state` label (healthy, unhealthy, closed), 0 for the others. */
  readonly fanoutState: Gauge;
  /** Fanout messages by `kind` label (update, awareness, state-vector, presence-claim, presence-held). */
  readonly fanoutPublished: Counter;
  readonly fanoutReceived: Counter;
  /** Documents reread from storage, by `cause` label (see docs/operations.md "Failure modes"). */
  readonly resyncs: Counter;
  /** Other relays declared gone (their heartbeats stopped or they left). */
  readonly peersGone: Counter;
  /** Bytes Yjs holds pending (missing dependencies), by `doc` label; only documents holding some. */
  readonly pendingBytes: Gauge;
  /** Presence (awareness) states held, by `owner` label: `local` connections or `remote` relays. */
  readonly presenceEntries: Gauge;
  /** 1 while the store takes writes, 0 since a write or a write check failed (see store-health.ts). */
  readonly storeWritable: Gauge;
  /** HTTP reads of a document's state by `view` and `cache` (`hit`, or `miss`: one encoding of that version). */
  readonly docReads: Counter;
}

const PERSIST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function createRelayMetrics(registry: MetricsRegistry = createCountingRegistry()): RelayMetrics {
  return {
    registry,
    connections: registry.gauge('marginalia_connections', 'Open WebSocket connections'),
    docsLoaded: registry.gauge('marginalia_docs_loaded', 'Documents held in memory'),
    messagesIn: registry.counter('marginalia_messages_in_total', 'Frames received from clients'),
    messagesOut: registry.counter('marginalia_messages_out_total', 'Frames sent to clients'),
    bytesIn: registry.counter('marginalia_bytes_in_total', 'Bytes received from clients'),
    bytesOut: registry.counter('marginalia_bytes_out_total', 'Bytes sent to clients'),
    persistSeconds: registry.histogram(
      'marginalia_persist_seconds',
      'Latency of one batched append to the store',
      PERSIST_BUCKETS,
    ),
    updatesPersisted: registry.counter('marginalia_updates_persisted_total', 'Updates appended to the store'),
    compactions: registry.counter('marginalia_compactions_total', 'Log compactions'),
    refusals: registry.counter('marginalia_refusals_total', 'Refused requests, frames and connections by reason', [
      'reason',
    ]),
    fanoutState: registry.gauge('marginalia_fanout_state', 'Fan-out health: 1 for the current state label', ['state']),
    fanoutPublished: registry.counter(
      'marginalia_fanout_messages_published_total',
      'Messages published on the fan-out by kind',
      ['kind'],
    ),
    fanoutReceived: registry.counter(
      'marginalia_fanout_messages_received_total',
      'Messages of other relays received from the fan-out by kind',
      ['kind'],
    ),
    resyncs: registry.counter('marginalia_resyncs_total', 'Documents reread from storage by cause', ['cause']),
    peersGone: registry.counter('marginalia_fanout_peers_gone_total', 'Other relays declared gone'),
    pendingBytes: registry.gauge(
      'marginalia_pending_update_bytes',
      'Bytes of updates waiting for missing dependencies, per document',
      ['doc'],
    ),
    presenceEntries: registry.gauge('marginalia_presence_entries', 'Presence states held, by owner (local or remote)', [
      'owner',
    ]),
    docReads: registry.counter(
      'marginalia_doc_reads_total',
      'HTTP reads of whole documents by view; cache="miss" counts encodings (one per document version)',
      ['view', 'cache'],
    ),
    storeWritable: registry.gauge(
      'marginalia_store_writable',
      '1 while the store takes writes, 0 since a write or a write check failed',
    ),
  };
}
