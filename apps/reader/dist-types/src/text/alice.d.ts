export declare const alice: import("./book.js").Book;
