/**
 * Wall-clock times in one IANA time zone (the Settings time zone), for callbacks: agents type
 * "tomorrow 10:00" in the call centre's zone, whatever zone their laptop is in.
 */

/** The instant a `YYYY-MM-DDTHH:MM` wall-clock time names in `timeZone`, or null if it is not a real time. */
export function zonedLocalToUtc(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // The zone's offset at that instant; a second pass settles times next to a DST change.
  let guess = asUtc - offsetMs(asUtc, timeZone);
  guess = asUtc - offsetMs(guess, timeZone);
  return new Date(guess);
}

/** `YYYY-MM-DDTHH:MM` of an instant in `timeZone` (for datetime-local inputs). */
export function utcToZonedLocal(instant: Date, timeZone: string): string {
  const p = parts(instant.getTime(), timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The zone's UTC offset at an instant, in ms (positive east of Greenwich). */
function offsetMs(epochMs: number, timeZone: string): number {
  const p = parts(epochMs, timeZone);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
  return wall - Math.floor(epochMs / 1000) * 1000;
}

function parts(epochMs: number, timeZone: string) {
  const out: Record<string, string> = {};
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  for (const part of format.formatToParts(epochMs)) out[part.type] = part.value;
  return out as { year: string; month: string; day: string; hour: string; minute: string; second: string };
}
