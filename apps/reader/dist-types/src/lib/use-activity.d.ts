/** Calls `touch` on user activity (at most once a second), so presence shows idle/away truthfully. */
export declare function useActivity(touch: () => void): void;
/** The current time, ticking every second while `ticking` (typing indicators expire by time). */
export declare function useClock(ticking: boolean): number;
