import type { FanoutResyncCause } from '../ports/fanout.js';

/**
 * Why a loaded document is reread from storage (the `cause` label of `marginalia_resyncs_total`):
 * - `reconnect`: the fanout came back after a disconnect (or a cut for silence);
 * - `message_gap`: a heartbeat sequence skipped, messages were lost on a live connection;
 * - `state_vector`: another relay said it held more than this copy does after the grace period;
 * - `pending`: an update from the fanout is missing its dependencies;
 * - `fanout_unhealthy`: the fanout is unhealthy, so the relay polls storage until it is back.
 */
export type ResyncCause = FanoutResyncCause | 'state_vector' | 'pending' | 'fanout_unhealthy';
