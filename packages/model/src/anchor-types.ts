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

/**
 * Anchors a highlight to characters `[start, end)` of the Y.XmlFragment root `field` by marking them:
 * the highlight's id becomes an editor mark on those characters (see HIGHLIGHT_MARK), which moves with
 * them through splits, joins, block changes, undo and redo. Offsets are flat, as in a text anchor.
 */
export interface MarkAnchorInput {
  readonly kind: 'mark';
  readonly field: string;
  readonly start: number;
  readonly end: number;
}

export type AnchorInput = TextAnchorInput | MarkAnchorInput | RefAnchor;

/** A text anchor as stored: two relative positions that follow the characters, not the offsets. */
export interface StoredTextAnchor {
  readonly kind: 'text';
  readonly field: string;
  readonly fieldType: TextFieldType;
  readonly start: RelativePositionJSON;
  readonly end: RelativePositionJSON;
}

/** A mark anchor as stored: the marked characters are found by the highlight id; `at` is where they began. */
export interface StoredMarkAnchor {
  readonly kind: 'mark';
  readonly field: string;
  readonly id: string;
  /** A relative position at the first marked character when created: where a collapsed highlight is. */
  readonly at: RelativePositionJSON;
}

export type StoredAnchor = StoredTextAnchor | StoredMarkAnchor | RefAnchor;

/** Why a text anchor cannot be placed. */
export type OrphanReason = 'missing_field' | 'missing_text' | 'removed';

/** A stored anchor resolved against the doc's current content. */
export type ResolvedAnchor =
  | {
      readonly kind: 'text';
      readonly status: 'ok';
      readonly field: string;
      readonly start: number;
      readonly end: number;
      readonly text: string;
    }
  /** Every character under the highlight was deleted; `at` is where they were. */
  | { readonly kind: 'text'; readonly status: 'collapsed'; readonly field: string; readonly at: number }
  | { readonly kind: 'text'; readonly status: 'orphaned'; readonly field: string; readonly reason: OrphanReason }
  | {
      readonly kind: 'ref';
      readonly status: 'ok';
      readonly ref: string;
      readonly start?: number;
      readonly end?: number;
    }
  /**
   * The characters carrying the mark: `start`/`end` span them, `text` is their plain text (the marked
   * characters only), `ranges` the contiguous stretches, in document order.
   */
  | {
      readonly kind: 'mark';
      readonly status: 'ok';
      readonly field: string;
      readonly start: number;
      readonly end: number;
      readonly text: string;
      readonly ranges: ReadonlyArray<{ readonly start: number; readonly end: number; readonly text: string }>;
    }
  /** No character carries the mark any more (deleted, or retyped over); `at` is where the first one was. */
  | { readonly kind: 'mark'; readonly status: 'collapsed'; readonly field: string; readonly at: number }
  | { readonly kind: 'mark'; readonly status: 'orphaned'; readonly field: string; readonly reason: OrphanReason };
