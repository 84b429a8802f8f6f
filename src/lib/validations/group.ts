import { z } from "zod";
import { displayNameField, intField, numberField } from "./allowlisted";
import { destinationSchema } from "./destination";

export const GROUP_STRATEGIES = ["ringall", "hunt"] as const;
export const GROUP_STRATEGY_LABELS: Record<(typeof GROUP_STRATEGIES)[number], string> = {
  ringall: "Ring all",
  hunt: "Hunt in order",
};
export const MAX_GROUP_MEMBERS = 100;
export const RING_TIME = { min: 5, max: 300 } as const;

const groupFields = {
  number: numberField,
  name: displayNameField,
  strategy: z.enum(GROUP_STRATEGIES, { message: "Choose a strategy." }),
  ringTime: intField(RING_TIME.min, RING_TIME.max, " seconds"),
  /** Extension numbers in ring order. */
  members: z
    .array(numberField)
    .max(MAX_GROUP_MEMBERS, `A group has at most ${MAX_GROUP_MEMBERS} members.`)
    .refine((m) => new Set(m).size === m.length, "Each extension can be in the group only once."),
  failover: destinationSchema,
};

type GroupShape = { number: string; failover: { type: string; target: string | null } };

/** A group that fails over to itself would ring the same phones forever. */
const notSelf = (v: GroupShape) => !(v.failover.type === "group" && v.failover.target === v.number);
const selfLoop = { path: ["failover", "target"], message: "A group cannot fail over to itself." };

export const createGroupSchema = z.object(groupFields).refine(notSelf, selfLoop);
export const updateGroupSchema = z
  .object({ ...groupFields, id: z.string().uuid() })
  .refine(notSelf, selfLoop);
export const deleteGroupSchema = z.object({ id: z.string().uuid() });

export type CreateGroupInput = z.input<typeof createGroupSchema>;
export type UpdateGroupInput = z.input<typeof updateGroupSchema>;
export type GroupValues = z.output<typeof createGroupSchema>;
