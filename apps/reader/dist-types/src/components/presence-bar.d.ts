import type { PeerView } from '../view-types.js';
/** One person's avatar: initials on their colour, dimmed when idle or away, a pen when typing. */
export declare function Avatar({ peer, small }: {
    readonly peer: PeerView;
    readonly small?: boolean;
}): import("react").JSX.Element;
/** Who is here: everyone's avatar, you first; an avatar of someone reading elsewhere jumps there. */
export declare function PresenceBar({ peers }: {
    readonly peers: readonly PeerView[];
}): import("react").JSX.Element;
