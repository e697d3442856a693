const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Parses `90`, `30s`, `15m`, `1h`, `7d`, `2w` into whole seconds; undefined when malformed or not positive. */
export function parseDurationSeconds(text: string): number | undefined {
  const match = /^(\d+)([smhdw]?)$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNITS[match[2] || 's']!;
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : undefined;
}
