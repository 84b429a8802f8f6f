import { z } from "zod";
import { allowlisted } from "./allowlisted";
import { hasControlChars, plainText } from "./text";

/** Notes may span lines (they are shown, never sent anywhere); only other control characters are refused. */
export const NOTES_MAX = 2000;
const notes = z
  .string({ message: "Notes must be text." })
  .max(NOTES_MAX, `Use at most ${NOTES_MAX} characters.`)
  .refine(
    (v) => !hasControlChars(v.replace(/\r\n?|\n/g, "")),
    "Control characters other than line breaks are not allowed.",
  )
  .transform((v) => v.replace(/\r\n?/g, "\n").trim());

const wrapupId = z
  .number({ message: "That wrap-up is not known." })
  .int()
  .positive("That wrap-up is not known.");

/**
 * Saving a wrap-up. The disposition is required here (saving means choosing one); whether notes
 * are required depends on the queue, so the action checks that against the stored row.
 */
export const saveWrapupSchema = z.object({
  id: wrapupId,
  dispositionCodeId: z.string({ message: "Choose a disposition." }).uuid("Choose a disposition."),
  notes,
});
export const skipWrapupSchema = z.object({ id: wrapupId });

/** `YYYY-MM-DDTHH:MM`, what an `<input type="datetime-local">` sends, in the settings time zone. */
const localDateTime = z
  .string({ message: "Enter a date and time." })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Enter a date and time.");

const callbackFields = {
  number: allowlisted("dial", { empty: "Enter the number to call back." }),
  due: localDateTime,
  note: z
    .string({ message: "The note must be text." })
    .transform((v) => v.trim())
    .pipe(plainText(500)),
  /** The call it follows up, when scheduled from a wrap-up or the call history. */
  linkedid: z
    .string()
    .regex(/^[0-9A-Za-z._-]{1,40}$/, "That call is not known.")
    .optional(),
};

export const scheduleCallbackSchema = z.object(callbackFields);
const callbackId = z.string({ message: "That callback is not known." }).uuid("That callback is not known.");
export const rescheduleCallbackSchema = z.object({ id: callbackId, due: localDateTime });
export const callbackTargetSchema = z.object({ id: callbackId });

export type ScheduleCallbackInput = z.input<typeof scheduleCallbackSchema>;

/** Callbacks list filters (URL search params). Sort keys come only from this allowlist. */
export const CALLBACK_VIEWS = ["due", "upcoming", "past"] as const;
export const CALLBACK_SORTS = ["due", "created"] as const;
export type CallbackView = (typeof CALLBACK_VIEWS)[number];
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
export const callbackFiltersSchema = z.object({
  q: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^[0-9*#+]{1,32}$/, "Search by digits, '*', '#' or '+'.")
      .optional(),
  ),
  view: z.preprocess(blank, z.enum(CALLBACK_VIEWS, { error: "Unknown view." }).default("due")),
  who: z.preprocess(blank, z.enum(["mine", "all"], { error: "Choose mine or all." }).default("mine")),
  sort: z.preprocess(
    blank,
    z.enum(CALLBACK_SORTS, { error: "Sort by due date or creation." }).default("due"),
  ),
  dir: z.preprocess(blank, z.enum(["asc", "desc"], { error: "Sort asc or desc." }).optional()),
  cursor: z.preprocess(
    blank,
    z
      .string()
      .max(200, "Invalid page cursor.")
      .regex(/^[A-Za-z0-9_-]*$/, "Invalid page cursor.")
      .optional(),
  ),
});
export type CallbackFilters = z.output<typeof callbackFiltersSchema>;
