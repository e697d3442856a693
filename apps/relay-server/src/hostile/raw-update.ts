import * as encoding from 'lib0/encoding';

/**
 * Yjs V1 updates and state vectors written field by field, so that a test can put any value in
 * any field (Yjs' own encoders only write what a real document holds). Layout: struct groups
 * (count; per group: struct count, client, clock, structs), then the delete set (client count; per
 * client: client, range count, ranges of clock and length).
 */
export type Field = number | 'overlong' | '2^53';

/** Ten 0xff bytes: a varint past 53 bits (what turns into NaN or Infinity in a careless decoder). */
const OVERLONG = new Uint8Array(10).fill(0xff);
/** 2^53 as a varint: one past the safe-integer limit, which lib0 decodes without complaint. */
const TWO_TO_53 = new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]);

export function writeField(encoder: encoding.Encoder, value: Field): void {
  if (value === 'overlong') encoding.writeUint8Array(encoder, OVERLONG);
  else if (value === '2^53') encoding.writeUint8Array(encoder, TWO_TO_53);
  else encoding.writeVarUint(encoder, value);
}

export const bytesOf = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

const fields = (encoder: encoding.Encoder, values: readonly Field[]): void => {
  for (const value of values) writeField(encoder, value);
};

/** Info bytes: the content ref in the low five bits, BIT8 when a left origin follows. */
export const INFO = { gc: 0, deleted: 1, string: 4, any: 8, skip: 10, withOrigin: 0x80 } as const;

/** One struct group of one struct: `head` is [struct count, client, clock], `body` the struct. */
export function oneStruct(head: readonly Field[], body: (encoder: encoding.Encoder) => void): Uint8Array {
  return bytesOf((e) => {
    encoding.writeVarUint(e, 1);
    fields(e, head);
    body(e);
    encoding.writeVarUint(e, 0);
  });
}

/** A one-character string item in the root text `t`, at `client`/`clock`. */
export const textItem = (client: Field, clock: Field): Uint8Array =>
  oneStruct([1, client, clock], (e) => {
    encoding.writeUint8(e, INFO.string);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, 't');
    encoding.writeVarString(e, 'a');
  });

/** A GC range of `length` at `client`/`clock`. */
export const gcRange = (client: Field, clock: Field, length: Field): Uint8Array =>
  oneStruct([1, client, clock], (e) => {
    encoding.writeUint8(e, INFO.gc);
    writeField(e, length);
  });

/** An update of no structs whose delete set is written field by field from `values`. */
export const deleteSet = (values: readonly Field[]): Uint8Array =>
  bytesOf((e) => {
    encoding.writeVarUint(e, 0);
    fields(e, values);
  });

/** A state vector written field by field. */
export const stateVector = (values: readonly Field[]): Uint8Array => bytesOf((e) => fields(e, values));

/** Raw bytes of an update that starts with the given fields and ends there (a truncated update). */
export const fieldsOnly = (values: readonly Field[]): Uint8Array => bytesOf((e) => fields(e, values));
