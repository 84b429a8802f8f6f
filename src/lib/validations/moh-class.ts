import { z } from "zod";
import { allowlisted } from "./allowlisted";

export const MAX_CLASS_SOUNDS = 50;
export const MOH_SORTS = ["alpha", "random"] as const;
export const MOH_SORT_LABELS: Record<(typeof MOH_SORTS)[number], string> = {
  alpha: "In list order",
  random: "Shuffled",
};

const fields = {
  name: allowlisted("identifier", { empty: "Enter a name." }).refine(
    (n) => n.toLowerCase() !== "default",
    "“default” is Asterisk's own class; choose another name.",
  ),
  sort: z.enum(MOH_SORTS, { message: "Choose an order." }),
  /** Sound ids in play order. */
  sounds: z
    .array(z.string().uuid("Choose a sound from the library."))
    .min(1, "Add at least one sound.")
    .max(MAX_CLASS_SOUNDS, `At most ${MAX_CLASS_SOUNDS} sounds.`)
    .refine((s) => new Set(s).size === s.length, "Each sound once."),
};

export const createMohClassSchema = z.object(fields);
export const updateMohClassSchema = z.object({ ...fields, id: z.string().uuid() });
export const deleteMohClassSchema = z.object({ id: z.string().uuid() });
export type MohClassValues = z.output<typeof createMohClassSchema>;
export type CreateMohClassInput = z.input<typeof createMohClassSchema>;
