import type { BroadcastChannelConstructor } from './cross-tab.js';

type OnlineMessage =
  | { readonly kind: 'wanted'; readonly wanted: boolean }
  | { readonly kind: 'query' }
  | { readonly kind: 'answer'; readonly wanted: boolean };

/**
 * "Work offline" for every tab of one user in one browser: `client.disconnect()` / `connect()` in one tab is
 * posted to the others, and a new tab asks the open ones and follows the first answer.
 */
export function createSharedOnline(
  channel: BroadcastChannelConstructor | undefined,
  name: string,
  current: () => boolean,
  apply: (wanted: boolean) => void,
): { announce(wanted: boolean): void; close(): void } {
  if (channel === undefined) return { announce: () => undefined, close: () => undefined };
  const bc = new channel(name);
  let answered = false;
  bc.onmessage = (event) => {
    const message = event.data as OnlineMessage;
    if (message?.kind === 'wanted') apply(message.wanted === true);
    else if (message?.kind === 'query') bc.postMessage({ kind: 'answer', wanted: current() } satisfies OnlineMessage);
    else if (message?.kind === 'answer' && !answered) {
      answered = true;
      if (message.wanted !== current()) apply(message.wanted === true);
    }
  };
  bc.postMessage({ kind: 'query' } satisfies OnlineMessage);
  return {
    announce(wanted) {
      answered = true;
      bc.postMessage({ kind: 'wanted', wanted } satisfies OnlineMessage);
    },
    close() {
      bc.onmessage = null;
      bc.close();
    },
  };
}
