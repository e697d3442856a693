import { useEffect, useState } from 'react';

/** Calls `touch` on user activity (at most once a second), so presence shows idle/away truthfully. */
export function useActivity(touch: () => void): void {
  useEffect(() => {
    let last = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - last < 1000) return;
      last = now;
      touch();
    };
    const events = ['pointerdown', 'keydown', 'scroll', 'focus'] as const;
    for (const name of events) window.addEventListener(name, onActivity, { passive: true, capture: true });
    return () => {
      for (const name of events) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [touch]);
}

/** The current time, ticking every second while `ticking` (typing indicators expire by time). */
export function useClock(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
