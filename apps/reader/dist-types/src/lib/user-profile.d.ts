/** Who this browser's user is: picked on first visit, kept in localStorage. */
export interface UserProfile {
    readonly id: string;
    readonly name: string;
    readonly color: string;
}
/** Avatar colours offered by the picker (readable on white with dark text in the avatar ring). */
export declare const USER_COLORS: string[];
/** The saved profile, or null on a first visit (or when the saved value is unreadable). */
export declare function loadProfile(storage: Pick<Storage, 'getItem'>): UserProfile | null;
export declare function saveProfile(storage: Pick<Storage, 'setItem'>, profile: UserProfile): void;
/** A new stable user id for this browser. */
export declare function newUserId(): string;
/** Initials for an avatar: "Alice Liddell" -> "AL", "bob" -> "B". */
export declare function initials(name: string): string;
