import { z } from "zod";
import { numberField } from "./allowlisted";

export const messageRefSchema = z.object({
  box: numberField,
  folder: z.enum(["INBOX", "Old"], { message: "Unknown folder." }),
  index: z.number().int().min(0).max(9999),
});
export const markSchema = messageRefSchema.extend({ heard: z.boolean() });
export const forwardSchema = messageRefSchema.extend({ toBox: numberField });
export const greetingSchema = z.object({
  box: numberField,
  kind: z.enum(["unavail", "busy", "greet"], { message: "Choose unavailable, busy or name greeting." }),
});
