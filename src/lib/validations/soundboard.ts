import { z } from "zod";
import { plainText } from "./text";

const label = z
  .string({ message: "Enter a label." })
  .transform((v) => v.trim())
  .pipe(plainText(40).refine((v) => v.length > 0, "Enter a label."));

export const addClipSchema = z.object({
  soundId: z.string({ message: "Choose a sound." }).uuid("Choose a sound from the library."),
  label,
});
export const renameClipSchema = z.object({ id: z.string().uuid(), label });
export const moveClipSchema = z.object({ id: z.string().uuid(), direction: z.enum(["up", "down"]) });
export const clipIdSchema = z.object({ id: z.string().uuid() });
