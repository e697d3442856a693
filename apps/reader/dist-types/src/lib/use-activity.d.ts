/** Calls `touch` on user activity (at most once a second), so presence shows idle/away truthfully. */
export declare function useActivity(touch: () => void): void;
/** Asks the browser to warn before the tab closes while `unsaved` is true. */
export declare function useBeforeUnload(unsaved: boolean): void;
/** The current time, ticking every second while `ticking` (typing indicators expire by time). */
export declare function useClock(ticking: boolean): number;
