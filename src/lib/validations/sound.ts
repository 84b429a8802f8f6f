import { z } from "zod";
import { allowlisted } from "./allowlisted";

/** A sound's name: an identifier, so it is safe to show anywhere and unique in the library. */
export const soundNameField = allowlisted("identifier", { empty: "Enter a name." });
export const renameSoundSchema = z.object({ id: z.string().uuid(), name: soundNameField });
export const deleteSoundSchema = z.object({ id: z.string().uuid() });
