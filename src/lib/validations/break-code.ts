import { z } from "zod";
import { allowlisted, intField } from "./allowlisted";
import { plainText } from "./text";

export const BREAK_CODE_ORDER = { min: 0, max: 999 } as const;

/**
 * A break code's `code` is what QueuePause sends to Asterisk as Reason, so it is an identifier;
 * the label is plain text shown in the panel only.
 */
const breakCodeFields = {
  code: allowlisted("identifier", { empty: "Enter a code." }).refine(
    (v) => v.length <= 32,
    "Use at most 32 characters.",
  ),
  label: z
    .string({ message: "Enter a label." })
    .transform((v) => v.trim())
    .pipe(plainText(60).refine((v) => v.length > 0, "Enter a label.")),
  paid: z.boolean({ message: "Choose whether the break is paid." }),
  active: z.boolean({ message: "Choose whether the code is active." }),
  sortOrder: intField(BREAK_CODE_ORDER.min, BREAK_CODE_ORDER.max),
};

export const createBreakCodeSchema = z.object(breakCodeFields);
export const updateBreakCodeSchema = z.object({ ...breakCodeFields, id: z.string().uuid() });
export const deleteBreakCodeSchema = z.object({ id: z.string().uuid() });

export type CreateBreakCodeInput = z.input<typeof createBreakCodeSchema>;
export type BreakCodeValues = z.output<typeof createBreakCodeSchema>;
