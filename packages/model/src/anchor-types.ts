/** A Yjs RelativePosition in its JSON form (`Y.relativePositionToJSON`): plain data, storable in a Y.Map. */
export interface RelativePositionJSON {
  readonly type?: { readonly client: number; readonly clock: number };
  readonly tname?: string;
  readonly item?: { readonly client: number; readonly clock: number };
  readonly assoc?: number;
}

/** Which kind of root type a text anchor points into. */
export type TextFieldType = 'text' | 'xml';

/** What callers pass to anchor a highlight to characters `[start, end)` of a Y.Text / Y.XmlFragment root named `field`. */
export interface TextAnchorInput {
  readonly kind: 'text';
  readonly field: string;
  readonly start: number;
  readonly end: number;
  /** Defaults to the type the doc already has under `field`, else 'text'. */
  readonly fieldType?: TextFieldType;
}

/** An anchor to content outside the doc: a verse id, a file path with an optional line range... */
export interface RefAnchor {
  readonly kind: 'ref';
  readonly ref: string;
  readonly start?: number;
  readonly end?: number;
}

export type AnchorInput = TextAnchorInput | RefAnchor;

/** A text anchor as stored: two relative positions that follow the characters, not the offsets. */
export interface StoredTextAnchor {
  readonly kind: 'text';
  readonly field: string;
  readonly fieldType: TextFieldType;
  readonly start: RelativePositionJSON;
  readonly end: RelativePositionJSON;
}

export type StoredAnchor = StoredTextAnchor | RefAnchor;

/** Why a text anchor cannot be placed. */
export type OrphanReason = 'missing_field' | 'missing_text' | 'removed';

/** A stored anchor resolved against the doc's current content. */
export type ResolvedAnchor =
  | { readonly kind: 'text'; readonly status: 'ok'; readonly field: string; readonly start: number; readonly end: number; readonly text: string }
  /** Every character under the highlight was deleted; `at` is where they were. */
  | { readonly kind: 'text'; readonly status: 'collapsed'; readonly field: string; readonly at: number }
  | { readonly kind: 'text'; readonly status: 'orphaned'; readonly field: string; readonly reason: OrphanReason }
  | { readonly kind: 'ref'; readonly status: 'ok'; readonly ref: string; readonly start?: number; readonly end?: number };
