import { z } from "zod";
import { allowlisted, numberField } from "./allowlisted";

/**
 * Inputs of the live panel's actions. Calls are named by Uniqueid only: the channel name that
 * goes to Asterisk is looked up in the live state on the server, never taken from the browser.
 */
const uniqueid = z
  .string({ message: "That call is not known." })
  .regex(/^[A-Za-z0-9._-]{1,64}$/, "That call is not known.");

/** Asterisk queue names as the live state spells them (`q5000`). */
export const queueNameField = z
  .string({ message: "Unknown queue." })
  .regex(/^q[0-9]{2,8}$/, "Unknown queue.");

/** A break code as it goes to QueuePause's Reason (break_codes.code). */
export const breakCodeField = allowlisted("identifier", { empty: "Choose a break code." }).refine(
  (v) => v.length <= 32,
  "Use at most 32 characters.",
);

export const callTargetSchema = z.object({ uniqueid });

export const transferSchema = z.object({ uniqueid, number: numberField });

export const clickToCallSchema = z.object({
  number: allowlisted("dial", { empty: "Enter a number to call." }),
});

export const parkedTargetSchema = z.object({
  parked: z
    .string({ message: "That parked call is not known." })
    .regex(/^[A-Za-z0-9_-]{1,64}:[0-9]{1,8}$/, "That parked call is not known."),
});

export const queueMemberSchema = z.object({ queue: queueNameField, extension: numberField });

export const pauseAgentSchema = z.object({
  extension: numberField,
  queue: queueNameField.optional(),
  breakCode: breakCodeField,
});

export const unpauseAgentSchema = z.object({ extension: numberField, queue: queueNameField.optional() });

export const pauseMeSchema = z.object({ breakCode: breakCodeField });

export const myQueueSchema = z.object({ queue: queueNameField });

export const noInputSchema = z.object({});

export const dndSchema = z.object({ on: z.boolean() });
