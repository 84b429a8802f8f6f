import { z } from "zod";
import { ALLOW, ALLOW_MESSAGES } from "@/lib/asterisk/allowlists";
import type { DestinationType } from "@/lib/db/schema/extensions";

/** Where a call goes: a ring group's failover, a closed queue, a DID, an IVR option, a schedule. */
export const DESTINATION_TYPES = [
  "extension",
  "group",
  "queue",
  "voicemail",
  "hangup",
  "ivr",
  "timecondition",
  "ringtree",
] as const satisfies readonly DestinationType[];

export const DESTINATION_LABELS: Record<DestinationType, string> = {
  extension: "Extension",
  group: "Ring group",
  queue: "Queue",
  voicemail: "Voicemail",
  hangup: "Hang up",
  ivr: "IVR menu",
  timecondition: "Time condition",
  ringtree: "Ring tree",
};

/** What the target number must name, per type; used in messages. */
export const DESTINATION_NOUNS: Record<Exclude<DestinationType, "hangup">, string> = {
  extension: "extension",
  group: "ring group",
  queue: "queue",
  voicemail: "extension with voicemail",
  ivr: "IVR",
  timecondition: "time condition",
  ringtree: "ring tree",
};

export type Destination =
  | { type: "hangup"; target: null }
  | { type: Exclude<DestinationType, "hangup">; target: string };

/**
 * The shape of a destination: a type, and for every type but hangup a 2–8 digit target number.
 * Whether that number exists (and is of the right kind) needs the database: the server checks it
 * with checkDestination() in lib/db/queries/destinations.ts.
 */
export const destinationSchema = z
  .object({
    type: z.enum(DESTINATION_TYPES, { message: "Choose where calls go." }),
    target: z.string({ message: ALLOW_MESSAGES.extensionNumber }).nullish(),
  })
  .transform((v, ctx): Destination => {
    const target =
      (v.target ?? "").length > 200 ? (v.target ?? "") : (v.target ?? "").replace(/^ +| +$/g, "");
    if (v.type === "hangup") {
      if (target !== "")
        ctx.addIssue({ code: "custom", path: ["target"], message: "Hang up takes no target." });
      return { type: "hangup", target: null };
    }
    if (target === "") {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message: `Choose the ${DESTINATION_NOUNS[v.type]} calls go to.`,
      });
      return z.NEVER;
    }
    if (!ALLOW.extensionNumber.test(target)) {
      ctx.addIssue({ code: "custom", path: ["target"], message: ALLOW_MESSAGES.extensionNumber });
      return z.NEVER;
    }
    return { type: v.type, target };
  });

export type DestinationInput = z.input<typeof destinationSchema>;

/** The destination as one line for lists and audit rows: "group 601", "hangup". */
export function describeDestination(d: { type: DestinationType; target: string | null }): string {
  return d.type === "hangup" ? "hang up" : `${DESTINATION_NOUNS[d.type]} ${d.target ?? "?"}`;
}
