import type { Context, Hono } from 'hono';
import * as Y from 'yjs';
import { checkStateVector } from '../core/check-update.js';
import { encodeIntegratedState } from '../core/integrated-state.js';
import type { Logger } from '../core/logger.js';
import type { RelayCore } from '../core/relay-core.js';
import { isRelayError, type RelayErrorCode } from '../core/relay-error.js';
import type { ConnectionContext } from '../ports/admission.js';
import { admitRequest, type AdmissionConfig, type IncomingRequest } from './admit-request.js';
import { decodeBase64Url } from './base64url.js';
import { docToJson, sharedTypesToJson } from './doc-json.js';
import { readBodyWithin } from './read-body.js';
import { readRequest } from './read-request.js';

export const DOCS_PREFIX = '/v1/docs/';

export interface DocRoutesOptions {
  readonly core: RelayCore;
  readonly admission: AdmissionConfig;
  readonly logger: Logger;
  /** Largest accepted POST body. */
  readonly maxUpdateBytes: number;
  /** JSON export of a document; defaults to highlights and notes through @marginalia/model. */
  readonly toJson?: (doc: Y.Doc) => unknown;
  /** The relay's base path (`''` or `/collab`): routes are registered relative to it. */
  readonly basePath: string;
}

const STATUS: Record<RelayErrorCode, number> = {
  bad_update: 400,
  pending_overflow: 413,
  pending_too_many_structs: 413,
  pending_too_many_deletes: 413,
  doc_too_large: 413,
  doc_too_many_items: 413,
  concurrent_inserts: 413,
  concurrent_insert_rate: 429,
  subdocument: 400,
  foreign_client_id: 403,
  load_failed: 500,
  storage_failed: 500,
  document_failed: 500,
  too_many_docs: 503,
  shutting_down: 503,
};

const fullState = (doc: Y.Doc): Uint8Array => encodeIntegratedState(doc);

const binary = (bytes: Uint8Array): Response =>
  new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });

const rates = (admission: AdmissionConfig): Record<string, number> => {
  const { bytesPerSecond, byteBurst } = admission.limits ?? {};
  return {
    ...(bytesPerSecond === undefined ? {} : { bytesPerSecond }),
    ...(byteBurst === undefined ? {} : { byteBurst }),
  };
};

/**
 * /v1/docs/<name>, /v1/docs/<name>/state-vector, /v1/docs/<name>/info, /v1/docs/<name>/client-owners,
 * /v1/docs/<name>/update (GET and POST).
 */
export function registerDocRoutes(app: Hono, options: DocRoutesOptions): void {
  const { core } = options;
  const toJson = options.toJson ?? docToJson;
  /**
   * 413 (`body_too_large`); the rest of the refused body is never buffered. No `Connection: close`:
   * Node would close right after the answer with the client's bytes unread, the kernel answers
   * those with a reset, and a client still sending gets EPIPE before it reads the 413. Instead
   * @hono/node-server drains what follows for at most 500 ms / 64 MiB (discarding it), then closes.
   */
  const tooLarge = (c: Context): Response => {
    core.metrics.refusals.inc({ reason: 'body_too_large' });
    return c.json({ error: 'too_large', message: 'update too large' }, 413);
  };

  const guarded =
    (
      access: IncomingRequest['access'],
      suffix: string,
      run: (c: Context, docName: string, context: ConnectionContext) => Promise<Response>,
    ) =>
    async (c: Context): Promise<Response> => {
      const admission = await admitRequest(
        readRequest(c, `${options.basePath}${DOCS_PREFIX}`, access, suffix),
        options.admission,
      );
      if (!admission.ok) {
        core.metrics.refusals.inc({ reason: admission.refusal.reason });
        const { retryAfterSeconds } = admission.refusal;
        if (retryAfterSeconds !== undefined) c.header('retry-after', String(retryAfterSeconds));
        return c.json(
          { error: admission.refusal.reason, message: admission.refusal.message },
          admission.refusal.code as 400,
        );
      }
      try {
        return await run(c, admission.context.docName, admission.context);
      } catch (error) {
        if (!isRelayError(error)) throw error;
        core.metrics.refusals.inc({ reason: error.code });
        options.logger.info({ doc: admission.context.docName, code: error.code }, 'doc request failed');
        return c.json({ error: error.code, message: error.message }, STATUS[error.code] as 400);
      } finally {
        admission.context.release?.();
      }
    };

  const stateVector = guarded('read', '/state-vector', async (_c, name) =>
    binary(await core.readDoc(name, Y.encodeStateVector)),
  );

  const diff = guarded('read', '/update', async (c, name) => {
    const since = c.req.query('since');
    const vector = since === undefined ? new Uint8Array([0]) : decodeBase64Url(since);
    if (vector === undefined || checkStateVector(vector) === undefined) {
      return c.json({ error: 'bad_state_vector', message: 'since must be a base64url Yjs state vector' }, 400);
    }
    // The whole state (no `since`, or an empty vector) is encoded once per version, and so is a
    // diff per state vector (up to MAX_KEYED_VALUES of them per version, see read-cache.ts).
    if (vector.length === 1 && vector[0] === 0) return binary(await core.readCached(name, 'update', fullState));
    return binary(await core.readCached(name, 'update_since', (doc) => encodeIntegratedState(doc, vector), since));
  });

  const post = guarded('write', '/update', async (c, name, context) => {
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > options.maxUpdateBytes) return tooLarge(c);
    const body = await readBodyWithin(c.req.raw, options.maxUpdateBytes);
    if (body === undefined) return tooLarge(c);
    const result = await core.applyUpdate(name, body, context.userId);
    return result === 'durable' ? c.json({ durable: true }, 200) : c.json({ durable: false, pending: true }, 202);
  });

  // What a client needs to stay within the limits (the same as the relay-info frame of a socket).
  const info = guarded('read', '/info', async (c, name, context) => {
    const size = await core.docSize(name);
    return c.json({
      maxFrameBytes: options.maxUpdateBytes,
      ...size,
      canWrite: context.canWrite,
      ...rates(options.admission),
    });
  });

  // Who owns each Yjs client id (auth on): what the model's `authors` record can be checked against.
  const owners = guarded('read', '/client-owners', async (c, name) => {
    const known = await core.clientOwners(name);
    return c.json({ owners: Object.fromEntries([...known].map(([client, user]) => [String(client), user])) });
  });

  const json = guarded('read', '', async (c, name) => {
    const types = c.req.query('view') === 'types';
    const view = types ? sharedTypesToJson : toJson;
    const text = await core.readCached(name, types ? 'types' : 'json', (doc) => JSON.stringify(view(doc)));
    return c.body(text, 200, { 'content-type': 'application/json' });
  });

  app.get(`${DOCS_PREFIX}*`, (c) => {
    const path = new URL(c.req.url).pathname;
    if (path.endsWith('/state-vector')) return stateVector(c);
    if (path.endsWith('/update')) return diff(c);
    if (path.endsWith('/info')) return info(c);
    if (path.endsWith('/client-owners')) return owners(c);
    return json(c);
  });
  app.post(`${DOCS_PREFIX}*`, (c) => {
    if (!new URL(c.req.url).pathname.endsWith('/update')) return c.json({ error: 'not_found' }, 404);
    return post(c);
  });
}
