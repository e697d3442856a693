/** Counts open connections per remote address and refuses past a maximum. */
export interface IpConnectionCounter {
  /** Takes a slot for `ip`: returns its release function (idempotent), or undefined when full. */
  acquire(ip: string): (() => void) | undefined;
  count(ip: string): number;
}

export function createIpConnectionCounter(maxPerIp: number): IpConnectionCounter {
  const counts = new Map<string, number>();
  const release = (ip: string): void => {
    const current = counts.get(ip) ?? 0;
    if (current <= 1) counts.delete(ip);
    else counts.set(ip, current - 1);
  };
  return {
    acquire(ip) {
      const current = counts.get(ip) ?? 0;
      if (current >= maxPerIp) return undefined;
      counts.set(ip, current + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release(ip);
      };
    },
    count: (ip) => counts.get(ip) ?? 0,
  };
}

/** Folds IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) to their IPv4 form so both count together. */
export function normalizeIp(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice('::ffff:'.length) : lower;
}
