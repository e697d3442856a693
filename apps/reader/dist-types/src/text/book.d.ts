/** A passage is the unit a highlight anchors to: `{ kind: 'ref', ref: passage.id, start, end }`. */
export interface Passage {
    /** Stable id, e.g. `alice/1/3`. Never renumber: highlights in stored documents point at it. */
    readonly id: string;
    readonly text: string;
}
export interface Chapter {
    readonly id: string;
    readonly title: string;
    readonly passages: readonly Passage[];
}
export interface Book {
    readonly id: string;
    readonly title: string;
    readonly author: string;
    readonly chapters: readonly Chapter[];
}
/** Builds a book whose passage ids are `<book>/<chapter>/<paragraph>`, all 1-based. */
export declare function createBook(id: string, title: string, author: string, chapters: readonly {
    title: string;
    paragraphs: readonly string[];
}[]): Book;
/** Index of passages by id, for resolving ref anchors. */
export declare function indexPassages(book: Book): ReadonlyMap<string, Passage>;
