import { z } from "zod";
import { allowlisted, intField } from "./allowlisted";
import { plainText } from "./text";

export const DISPOSITION_ORDER = { min: 0, max: 999 } as const;

/**
 * A disposition code. `code` is a stable identifier for reports, exports and URLs (the call
 * history filter); the label is what agents pick from. Neither ever reaches Asterisk.
 */
const dispositionFields = {
  code: allowlisted("identifier", { empty: "Enter a code." }).refine(
    (v) => v.length <= 32,
    "Use at most 32 characters.",
  ),
  label: z
    .string({ message: "Enter a label." })
    .transform((v) => v.trim())
    .pipe(plainText(60).refine((v) => v.length > 0, "Enter a label.")),
  active: z.boolean({ message: "Choose whether the code is active." }),
  sortOrder: intField(DISPOSITION_ORDER.min, DISPOSITION_ORDER.max),
};

export const createDispositionSchema = z.object(dispositionFields);
export const updateDispositionSchema = z.object({ ...dispositionFields, id: z.string().uuid() });
export const deleteDispositionSchema = z.object({ id: z.string().uuid() });
/** Moves one code up or down the list (the order agents see). */
export const moveDispositionSchema = z.object({ id: z.string().uuid(), direction: z.enum(["up", "down"]) });

export type DispositionValues = z.output<typeof createDispositionSchema>;
