/** What the reader's components need to know about another person here (from presence). */
export interface PeerView {
    readonly key: string;
    readonly name: string;
    readonly color: string;
    readonly status: 'active' | 'idle' | 'away';
    /** The note they are typing in, if any. */
    readonly typingIn?: string;
    /** The passage they are reading, and how to say it ("Chapter 1, paragraph 3"). */
    readonly location?: string;
    readonly locationLabel?: string;
    readonly isSelf: boolean;
}
/** A highlight on a passage of the book, ready to draw. */
export interface HighlightView {
    readonly id: string;
    readonly passageId: string;
    readonly start: number;
    readonly end: number;
    readonly color: string;
    readonly noteId?: string;
    readonly createdBy: string;
    readonly createdAt: number;
    readonly unread: boolean;
}
