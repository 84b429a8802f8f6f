import { z } from "zod";
import { ALLOW, ALLOW_MESSAGES } from "@/lib/asterisk/allowlists";
import { isIsoDate, minutesOf } from "@/lib/routing/time-condition";
import { displayNameField, numberField } from "./allowlisted";
import { destinationSchema } from "./destination";

export const MAX_RULES = 20;
export const MAX_HOLIDAYS = 100;
/** A holiday longer than a year is a mistake, and it bounds the compiled lines. */
export const MAX_HOLIDAY_DAYS = 366;

const time = z.string({ message: ALLOW_MESSAGES.time }).regex(ALLOW.time, ALLOW_MESSAGES.time);

export const scheduleRuleSchema = z
  .object({
    days: z
      .array(z.number().int().min(0).max(6), { message: "Choose the days." })
      .min(1, "Choose at least one day.")
      .max(7)
      .refine((d) => new Set(d).size === d.length, "Each day once."),
    start: time,
    end: time,
  })
  // Asterisk would wrap a range past midnight on the same weekday, which reads wrong: split it.
  .refine(
    (r) => !ALLOW.time.test(r.start) || !ALLOW.time.test(r.end) || minutesOf(r.start) <= minutesOf(r.end),
    {
      path: ["end"],
      message: "End before start: split a night shift into two rules.",
    },
  );

const date = z.string({ message: "Use a date (YYYY-MM-DD)." }).refine(isIsoDate, "Use a date (YYYY-MM-DD).");

export const holidaySchema = z
  .object({
    name: z
      .string()
      .max(40, "Up to 40 characters.")
      .regex(/^[A-Za-z0-9 ._'-]*$/, "Use letters, digits, spaces, '.', '-', '_' or an apostrophe."),
    start: date,
    end: date,
  })
  .refine((h) => !isIsoDate(h.start) || !isIsoDate(h.end) || h.end >= h.start, {
    path: ["end"],
    message: "The last day is before the first.",
  })
  .refine(
    (h) =>
      !isIsoDate(h.start) ||
      !isIsoDate(h.end) ||
      (Date.parse(h.end) - Date.parse(h.start)) / 86_400_000 < MAX_HOLIDAY_DAYS,
    { path: ["end"], message: `A holiday is at most ${MAX_HOLIDAY_DAYS} days.` },
  );

const fields = {
  number: numberField,
  name: displayNameField,
  schedule: z
    .array(scheduleRuleSchema)
    .min(1, "Add at least one weekly rule.")
    .max(MAX_RULES, `At most ${MAX_RULES} rules.`),
  holidays: z.array(holidaySchema).max(MAX_HOLIDAYS, `At most ${MAX_HOLIDAYS} holidays.`),
  matched: destinationSchema,
  unmatched: destinationSchema,
};

type Shape = {
  number: string;
  matched: { type: string; target: string | null };
  unmatched: { type: string; target: string | null };
};
const notSelf = (branch: "matched" | "unmatched") => ({
  check: (v: Shape) => !(v[branch].type === "timecondition" && v[branch].target === v.number),
  issue: { path: [branch, "target"], message: "A time condition cannot send calls to itself." },
});

export const createTimeConditionSchema = z
  .object(fields)
  .refine(notSelf("matched").check, notSelf("matched").issue)
  .refine(notSelf("unmatched").check, notSelf("unmatched").issue);
export const updateTimeConditionSchema = z
  .object({ ...fields, id: z.string().uuid() })
  .refine(notSelf("matched").check, notSelf("matched").issue)
  .refine(notSelf("unmatched").check, notSelf("unmatched").issue);
export const deleteTimeConditionSchema = z.object({ id: z.string().uuid() });

export type CreateTimeConditionInput = z.input<typeof createTimeConditionSchema>;
export type TimeConditionValues = z.output<typeof createTimeConditionSchema>;
