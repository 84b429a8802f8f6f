/**
 * The local calendar day (`2026-11-22`) of an instant in one IANA time zone, for the queues'
 * "today" counters. Formatting through Intl costs microseconds, and queue events come in bursts,
 * so the day is cached per 15-minute slot: every zone's midnight falls on a quarter hour (UTC
 * offsets are whole quarter hours), so one slot never straddles two days.
 */
export class LocalDay {
  private readonly format: Intl.DateTimeFormat;
  private slot = Number.NaN;
  private day = "";

  /** Throws a RangeError for a time zone Intl doesn't know: that is a configuration error. */
  constructor(timeZone?: string) {
    this.format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
  }

  of(epochMs: number): string {
    const slot = Math.floor(epochMs / SLOT_MS);
    if (slot !== this.slot) {
      this.slot = slot;
      this.day = isoDay(this.format, epochMs);
    }
    return this.day;
  }
}

const SLOT_MS = 15 * 60 * 1000;

function isoDay(format: Intl.DateTimeFormat, epochMs: number): string {
  let year = "";
  let month = "";
  let day = "";
  for (const part of format.formatToParts(epochMs)) {
    if (part.type === "year") year = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year}-${month}-${day}`;
}
