import { z } from "zod";
import { ivrGraphSchema } from "@/lib/ivr/graph";
import { displayNameField, numberField } from "./allowlisted";

const fields = { number: numberField, name: displayNameField, graph: ivrGraphSchema };

export const createIvrSchema = z.object(fields);
export const saveIvrSchema = z.object({ ...fields, id: z.string().uuid() });
export const restoreIvrVersionSchema = z.object({ id: z.string().uuid(), version: z.number().int().min(1) });
export const deleteIvrSchema = z.object({ id: z.string().uuid() });

export type CreateIvrInput = z.input<typeof createIvrSchema>;
export type SaveIvrInput = z.input<typeof saveIvrSchema>;
export type IvrValues = z.output<typeof createIvrSchema>;
