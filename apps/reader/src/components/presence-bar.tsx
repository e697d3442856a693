import { initials } from '../lib/user-profile.js';
import type { PeerView } from '../view-types.js';

const STATUS_TEXT = { active: 'active', idle: 'idle', away: 'away' } as const;

/** One person's avatar: initials on their colour, dimmed when idle or away, a pen when typing. */
export function Avatar({ peer, small = false }: { readonly peer: PeerView; readonly small?: boolean }) {
  const where = peer.locationLabel && !peer.isSelf ? `, reading ${peer.locationLabel}` : '';
  const label = `${peer.name}${peer.isSelf ? ' (you)' : ''}, ${STATUS_TEXT[peer.status]}${peer.typingIn ? ', typing' : ''}${where}`;
  return (
    <span
      className={`avatar${small ? ' small' : ''}`}
      style={{ ['--c' as string]: peer.color }}
      data-status={peer.status}
      title={label}
      role="img"
      aria-label={label}
    >
      {initials(peer.name)}
      {peer.typingIn && !small && (
        <span className="typing-dot" aria-hidden="true">
          ✎
        </span>
      )}
    </span>
  );
}

/** Who is here: everyone's avatar, you first; an avatar of someone reading elsewhere jumps there. */
export function PresenceBar({
  peers,
  unavailable = false,
}: {
  readonly peers: readonly PeerView[];
  /** Presence needs the live connection: say that others cannot be seen (and do not see you) without it. */
  readonly unavailable?: boolean;
}) {
  const follow = (passageId: string) => {
    document.getElementById(`p-${passageId}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };
  return (
    <ul className="avatars" aria-label="People here" data-testid="presence">
      {peers.map((peer) => (
        <li key={peer.key} data-peer={peer.name} data-status={peer.status}>
          {peer.location && !peer.isSelf ? (
            <button
              type="button"
              className="avatar-button"
              onClick={() => follow(peer.location!)}
              title={`Go to where ${peer.name} is reading`}
            >
              <Avatar peer={peer} />
            </button>
          ) : (
            <Avatar peer={peer} />
          )}
        </li>
      ))}
      {unavailable ? (
        <li className="presence-unavailable" data-testid="presence-unavailable">
          Can't see who's here
        </li>
      ) : null}
    </ul>
  );
}
