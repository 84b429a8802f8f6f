import { z } from "zod";

/**
 * Call-history filters, shared by the page, the CSV/xlsx export route and bench:cdr. Everything
 * arrives as URL search params, so every field is an optional string coerced here.
 *
 * Direction is derived per CDR record when it is inserted (trigger `cdr_before_insert`,
 * drizzle/0006_cdr_durable.sql), and a call's direction is its first record's:
 *  1. `inbound` when the dialplan context is a trunk's (`from-trunk…`, `from-pstn…`,
 *     `from-external…`, optionally `sb-` prefixed), or the source is not an extension;
 *  2. `internal` when the destination is an extension, ring group or queue number, or is not a
 *     dialable number at all (`s`, feature codes);
 *  3. `outbound` otherwise: an extension dialled an outside number.
 */

export const SORT_KEYS = ["calldate", "duration", "billsec"] as const;
export const DIRECTIONS = ["inbound", "outbound", "internal"] as const;
export const DISPOSITIONS = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED"] as const;
export const PRESETS = ["today", "yesterday", "last7", "month"] as const;

export type SortKey = (typeof SORT_KEYS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type Disposition = (typeof DISPOSITIONS)[number];
export type Preset = (typeof PRESETS)[number];

export const PRESET_LABELS: Record<Preset, string> = {
  today: "Today",
  yesterday: "Yesterday",
  last7: "Last 7 days",
  month: "This month",
};

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-22.");
const seconds = z.coerce
  .number({ error: "Enter a number of seconds." })
  .int("Enter whole seconds.")
  .min(0, "Seconds cannot be negative.")
  .max(86_400 * 7, "At most a week.");

export const callFiltersSchema = z
  .object({
    preset: opt(z.enum(PRESETS, { error: "Unknown date preset." })),
    from: opt(day),
    to: opt(day),
    q: opt(
      z
        .string()
        .trim()
        .max(40, "At most 40 characters.")
        .regex(/^[0-9A-Za-z+*#@._ -]*$/, "Numbers, letters, + * # @ . _ - only."),
    ),
    ext: opt(z.string().regex(/^[0-9]{2,8}$/, "An extension is 2 to 8 digits.")),
    queue: opt(z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, "Unknown queue name.")),
    agent: opt(z.string().regex(/^[A-Za-z0-9/_.@-]{1,120}$/, "An agent is an interface such as PJSIP/1001.")),
    direction: opt(z.enum(DIRECTIONS, { error: "Choose inbound, outbound or internal." })),
    disposition: opt(z.enum(DISPOSITIONS, { error: "Unknown disposition." })),
    recorded: opt(z.enum(["yes", "no"], { error: "Choose recorded or not recorded." })),
    /** A disposition code's `code` (agents' wrap-ups): an identifier, matched exactly. */
    code: opt(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "Unknown disposition code.")),
    minDuration: opt(seconds),
    maxDuration: opt(seconds),
    sort: z.preprocess(
      blank,
      z.enum(SORT_KEYS, { error: "Sort by date, duration or billed time." }).default("calldate"),
    ),
    dir: z.preprocess(blank, z.enum(["asc", "desc"], { error: "Sort asc or desc." }).default("desc")),
    cursor: opt(
      z
        .string()
        .max(200, "Invalid page cursor.")
        .regex(/^[A-Za-z0-9_-]*$/, "Invalid page cursor."),
    ),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
    if (f.minDuration !== undefined && f.maxDuration !== undefined && f.minDuration > f.maxDuration)
      ctx.addIssue({ code: "custom", path: ["maxDuration"], message: "The maximum is below the minimum." });
  });

export type CallFiltersInput = z.input<typeof callFiltersSchema>;
export type CallFilters = z.output<typeof callFiltersSchema>;

/** The keys a URL may carry; anything else is dropped before parsing. */
export const CALL_FILTER_KEYS = [
  "preset",
  "from",
  "to",
  "q",
  "ext",
  "queue",
  "agent",
  "direction",
  "disposition",
  "recorded",
  "code",
  "minDuration",
  "maxDuration",
  "sort",
  "dir",
  "cursor",
] as const;

export function pickFilterParams(
  source: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of CALL_FILTER_KEYS) {
    const raw = source instanceof URLSearchParams ? source.get(key) : source[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value) out[key] = value;
  }
  return out;
}

/**
 * The [start, end) instants of the filter's date range, in UTC days (the CDR clock is UTC).
 * A preset wins over from/to. No range at all means "everything".
 */
export function dateRange(
  f: Pick<CallFilters, "preset" | "from" | "to">,
  now = new Date(),
): {
  start?: Date;
  end?: Date;
} {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const dayMs = 86_400_000;
  switch (f.preset) {
    case "today":
      return { start: new Date(today), end: new Date(today + dayMs) };
    case "yesterday":
      return { start: new Date(today - dayMs), end: new Date(today) };
    case "last7":
      return { start: new Date(today - 6 * dayMs), end: new Date(today + dayMs) };
    case "month":
      return {
        start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
        end: new Date(today + dayMs),
      };
  }
  return {
    start: f.from ? new Date(`${f.from}T00:00:00Z`) : undefined,
    end: f.to ? new Date(new Date(`${f.to}T00:00:00Z`).getTime() + dayMs) : undefined,
  };
}
