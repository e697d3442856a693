import type {
  AdmissionRequest,
  AuthDecision,
  AdvertisedLimits,
  ConnectionContext,
  Refusal,
  RelayAuth,
  RelayLimits,
} from '../ports/admission.js';
import { parseDocName } from '../doc-name.js';

export interface AdmissionConfig {
  readonly auth?: RelayAuth;
  readonly limits?: RelayLimits;
  /** The largest frame (and HTTP update body) accepted, told to clients that ask. */
  readonly maxFrameBytes: number;
  /** True when one more document may be loaded (or `docName` is loaded already). */
  canLoad(docName: string): boolean;
  /** The client's address from the TCP peer (and a trusted proxy's headers); the peer by default. */
  readonly clientAddress?: (peer: string | undefined, headers: Headers) => string | undefined;
}

/** What the HTTP layer extracted from a request, before any check. */
export interface IncomingRequest {
  readonly access: AdmissionRequest['access'];
  /** The raw, still percent-encoded path tail after the route prefix (no query string). */
  readonly rawDocName: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly remoteAddress: string | undefined;
}

export type Admission =
  { readonly ok: true; readonly context: ConnectionContext } | { readonly ok: false; readonly refusal: Refusal };

const refuse = (code: number, reason: string, message: string): Admission => ({
  ok: false,
  refusal: { code, reason, message },
});

/**
 * THE place where every WebSocket upgrade and every /v1/docs request is checked, in this order:
 * document name (400), limits such as connections per IP (429: before the token is verified, so
 * that a flood of connections from one address costs the relay next to nothing), the auth hook
 * (Origin allowlist 403, token 401/403: see `createRelayAuth`), documents in memory (503). A slot
 * the limits handed out is released when a later check refuses. Returns the connection context or
 * an HTTP refusal.
 */
export async function admitRequest(request: IncomingRequest, config: AdmissionConfig): Promise<Admission> {
  const name = parseDocName(request.rawDocName);
  if (!name.ok) return refuse(400, 'bad_doc_name', name.code);
  const docName = name.name;
  const remoteAddress =
    config.clientAddress === undefined
      ? request.remoteAddress
      : config.clientAddress(request.remoteAddress, request.headers);
  const admission: AdmissionRequest = {
    access: request.access,
    docName,
    token: tokenOf(request),
    headers: request.headers,
    remoteAddress,
  };
  const slot = config.limits?.admit?.(admission);
  if (slot !== undefined && 'code' in slot) return { ok: false, refusal: slot };
  const refused = (admission: Admission): Admission => {
    slot?.release();
    return admission;
  };
  let decision: AuthDecision;
  try {
    decision = config.auth === undefined ? { ok: true, canWrite: true } : await config.auth.authorize(admission);
  } catch (error) {
    slot?.release();
    throw error;
  }
  if (!decision.ok) return refused({ ok: false, refusal: decision.refusal });
  if (request.access === 'write' && !decision.canWrite) return refused(refuse(403, 'read_only', 'read-only token'));
  if (!config.canLoad(docName)) return refused(refuse(503, 'too_many_docs', 'too many documents loaded'));
  const userId = 'userId' in decision ? decision.userId : undefined;
  const context: ConnectionContext = {
    docName,
    canWrite: decision.canWrite,
    wantsAcks: request.url.searchParams.get('acks') === '1',
    wantsInfo: request.url.searchParams.get('info') === '1',
    advertised: advertisedLimits(config),
    ...(userId === undefined ? {} : { userId }),
    ...('expiresAt' in decision && decision.expiresAt !== undefined ? { expiresAt: decision.expiresAt } : {}),
    ...(remoteAddress === undefined ? {} : { remoteAddress }),
    ...(slot === undefined ? {} : { release: slot.release }),
  };
  return { ok: true, context };
}

function advertisedLimits(config: AdmissionConfig): AdvertisedLimits {
  const { bytesPerSecond, byteBurst } = config.limits ?? {};
  return {
    maxFrameBytes: config.maxFrameBytes,
    ...(bytesPerSecond === undefined ? {} : { bytesPerSecond }),
    ...(byteBurst === undefined ? {} : { byteBurst }),
  };
}

function tokenOf(request: IncomingRequest): string | undefined {
  const header = request.headers.get('authorization');
  if (header !== null && header.toLowerCase().startsWith('bearer ')) return header.slice(7).trim();
  return request.url.searchParams.get('token') ?? undefined;
}
