/** The document (scope) every visitor opens unless the link names another. */
export declare const DEFAULT_DOC = "demo/alice";
/**
 * Whether `name` is a document name the relay accepts: segments of letters, digits and `_:.-`
 * separated by `/`, no `.` or `..` segment, at most 256 bytes.
 */
export declare function isDocName(name: string): boolean;
/** Reads the document name from a location hash such as `#doc=band-7/setlists`. */
export declare function docFromHash(hash: string): string | null;
/** The hash that links to `name` (slashes kept readable). */
export declare function hashForDoc(name: string): string;
