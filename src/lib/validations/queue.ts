import { z } from "zod";
import { ALLOW, ALLOW_MESSAGES } from "@/lib/asterisk/allowlists";
import type { QueueStrategy } from "@/lib/db/schema/queues";
import { allowlisted, displayNameField, intField, numberField } from "./allowlisted";
import { destinationSchema } from "./destination";

export const QUEUE_STRATEGIES = [
  "ringall",
  "leastrecent",
  "fewestcalls",
  "random",
  "rrmemory",
  "linear",
  "wrandom",
] as const satisfies readonly QueueStrategy[];

export const QUEUE_STRATEGY_LABELS: Record<QueueStrategy, string> = {
  ringall: "Ring all",
  leastrecent: "Least recent",
  fewestcalls: "Fewest calls",
  random: "Random",
  rrmemory: "Round robin with memory",
  linear: "Linear (in order)",
  wrandom: "Weighted random",
};

export const RECORDING_POLICIES = ["always", "never", "on_demand"] as const;
export const RECORDING_POLICY_LABELS: Record<(typeof RECORDING_POLICIES)[number], string> = {
  always: "Always",
  never: "Never",
  on_demand: "On demand",
};

/** The agent's wrap-up prompt after each call of the queue (app-only: it never reaches queues.conf). */
export const WRAPUP_MODES = ["off", "optional", "required"] as const;
export const WRAPUP_MODE_LABELS: Record<(typeof WRAPUP_MODES)[number], string> = {
  off: "Off: no wrap-up prompt",
  optional: "Optional: agents may skip it",
  required: "Required: a disposition before the next task",
};

/** Ranges for the numeric settings; the form shows them as hints. */
export const QUEUE_LIMITS = {
  memberTimeout: { min: 1, max: 600 },
  retry: { min: 0, max: 600 },
  wrapupTime: { min: 0, max: 600 },
  maxLen: { min: 0, max: 1000 },
  weight: { min: 0, max: 100 },
  serviceLevel: { min: 0, max: 600 },
  penalty: { min: 0, max: 10 },
  priority: { min: 1, max: 100 },
  /** Seconds between periodic announcements to waiting callers. */
  periodicAnnounceFrequency: { min: 15, max: 600 },
} as const;
export const DEFAULT_VIP_PRIORITY = 10;
export const MAX_QUEUE_MEMBERS = 500;
export const MAX_VIP_CALLERS = 500;
export const MAX_WINDOWS = 28;
export const DAY_LABELS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

const L = QUEUE_LIMITS;

const staticMember = z.object({
  number: numberField,
  penalty: intField(L.penalty.min, L.penalty.max),
});

const vipCaller = z.object({
  number: allowlisted("dial", { empty: "Enter the caller's number." }),
  priority: intField(L.priority.min, L.priority.max).default(DEFAULT_VIP_PRIORITY),
});

const activeWindow = z
  .object({
    days: z
      .array(z.number().int().min(0).max(6), { message: "Choose days." })
      .min(1, "Choose at least one day.")
      .max(7)
      .transform((d) => [...new Set(d)].sort((a, b) => a - b)),
    start: z.string({ message: ALLOW_MESSAGES.time }).regex(ALLOW.time, ALLOW_MESSAGES.time),
    end: z.string({ message: ALLOW_MESSAGES.time }).regex(ALLOW.time, ALLOW_MESSAGES.time),
  })
  // HH:MM compares correctly as text (only once both are valid). Past midnight is two windows.
  .refine((w) => !(ALLOW.time.test(w.start) && ALLOW.time.test(w.end)) || w.start < w.end, {
    path: ["end"],
    message: "End must be after start.",
  });

/** A sound of the library, by id; empty (or absent) means none. */
const soundRef = z
  .union([z.literal(""), z.null(), z.string().uuid({ message: "Choose a sound from the library." })], {
    message: "Choose a sound from the library.",
  })
  .optional()
  .transform((v) => v || null);

/** The queue's announcements from the sound library; each is optional. */
export const QUEUE_SOUND_FIELDS = [
  "joinAnnounceSoundId",
  "periodicAnnounceSoundId",
  "agentAnnounceSoundId",
] as const;
export type QueueSoundField = (typeof QUEUE_SOUND_FIELDS)[number];
export const QUEUE_SOUND_LABELS: Record<QueueSoundField, string> = {
  joinAnnounceSoundId: "join greeting",
  periodicAnnounceSoundId: "periodic announcement",
  agentAnnounceSoundId: "agent announcement",
};

const queueFields = {
  /** Block and allow lists that screen the queue's callers (inbound routing). */
  callerLists: z
    .array(z.string().uuid({ message: "Unknown list." }))
    .max(10, "Assign at most 10 lists.")
    .default([])
    .transform((ids) => [...new Set(ids)]),
  number: numberField,
  name: displayNameField,
  strategy: z.enum(QUEUE_STRATEGIES, { message: "Choose a strategy." }),
  memberTimeout: intField(L.memberTimeout.min, L.memberTimeout.max, " seconds"),
  retry: intField(L.retry.min, L.retry.max, " seconds"),
  wrapupTime: intField(L.wrapupTime.min, L.wrapupTime.max, " seconds"),
  maxLen: intField(L.maxLen.min, L.maxLen.max),
  weight: intField(L.weight.min, L.weight.max),
  joinEmpty: z.boolean(),
  leaveWhenEmpty: z.boolean(),
  announcePosition: z.boolean(),
  announceHoldTime: z.boolean(),
  /** Empty means the "default" class. */
  mohClass: z
    .string({ message: ALLOW_MESSAGES.identifier })
    .transform((v) => (v === "" ? "default" : v))
    .pipe(allowlisted("identifier")),
  serviceLevel: intField(L.serviceLevel.min, L.serviceLevel.max, " seconds"),
  recordingPolicy: z.enum(RECORDING_POLICIES, { message: "Choose a recording policy." }),
  staticMembers: z
    .array(staticMember)
    .max(MAX_QUEUE_MEMBERS, `A queue has at most ${MAX_QUEUE_MEMBERS} static members.`)
    .refine((m) => unique(m.map((x) => x.number)), "Each extension can be listed only once."),
  dynamicMembers: z
    .array(numberField)
    .max(MAX_QUEUE_MEMBERS, `At most ${MAX_QUEUE_MEMBERS} agents may log in.`)
    .refine(unique, "Each extension can be listed only once."),
  /** Duplicates collapse to their first entry, so a pasted list with repeats still saves. */
  vipCallers: z
    .array(vipCaller)
    .max(MAX_VIP_CALLERS, `At most ${MAX_VIP_CALLERS} VIP callers.`)
    .transform((list) => {
      const seen = new Set<string>();
      return list.filter((v) => !seen.has(v.number) && Boolean(seen.add(v.number)));
    }),
  /** Empty means always open. */
  activeHours: z.array(activeWindow).max(MAX_WINDOWS, `At most ${MAX_WINDOWS} windows.`),
  outOfHours: destinationSchema,
  wrapupMode: z.enum(WRAPUP_MODES, { message: "Choose a wrap-up rule." }).default("optional"),
  wrapupNotesRequired: z.boolean({ message: "Choose whether notes are required." }).default(false),
  joinAnnounceSoundId: soundRef,
  periodicAnnounceSoundId: soundRef,
  /** Required with a periodic announcement, and only then. */
  periodicAnnounceFrequency: intField(
    L.periodicAnnounceFrequency.min,
    L.periodicAnnounceFrequency.max,
    " seconds",
  )
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  agentAnnounceSoundId: soundRef,
};

type QueueShape = {
  number: string;
  periodicAnnounceSoundId: string | null;
  periodicAnnounceFrequency: number | null;
  staticMembers: { number: string }[];
  dynamicMembers: string[];
  outOfHours: { type: string; target: string | null };
};

const notSelf = (v: QueueShape) => !(v.outOfHours.type === "queue" && v.outOfHours.target === v.number);
const selfLoop = {
  path: ["outOfHours", "target"],
  message: "A closed queue cannot send calls to itself.",
};
const noBoth = (v: QueueShape) => {
  const stat = new Set(v.staticMembers.map((m) => m.number));
  return !v.dynamicMembers.some((n) => stat.has(n));
};
const both = {
  path: ["dynamicMembers"],
  message: "An extension is either a static member or logs in dynamically, not both.",
};

const { min: FREQ_MIN, max: FREQ_MAX } = L.periodicAnnounceFrequency;
/** A periodic announcement needs its frequency, and a frequency means nothing without one. */
const periodicPair = (v: QueueShape, ctx: z.RefinementCtx) => {
  if (v.periodicAnnounceSoundId && v.periodicAnnounceFrequency == null)
    ctx.addIssue({
      code: "custom",
      path: ["periodicAnnounceFrequency"],
      message: `Enter how often to repeat it: ${FREQ_MIN} to ${FREQ_MAX} seconds.`,
    });
  if (!v.periodicAnnounceSoundId && v.periodicAnnounceFrequency != null)
    ctx.addIssue({
      code: "custom",
      path: ["periodicAnnounceFrequency"],
      message: "Choose a periodic announcement, or leave its frequency empty.",
    });
};

export const createQueueSchema = z
  .object(queueFields)
  .refine(notSelf, selfLoop)
  .refine(noBoth, both)
  .superRefine(periodicPair);
export const updateQueueSchema = z
  .object({ ...queueFields, id: z.string().uuid() })
  .refine(notSelf, selfLoop)
  .refine(noBoth, both)
  .superRefine(periodicPair);
export const deleteQueueSchema = z.object({ id: z.string().uuid() });

export type CreateQueueInput = z.input<typeof createQueueSchema>;
export type UpdateQueueInput = z.input<typeof updateQueueSchema>;
export type QueueValues = z.output<typeof createQueueSchema>;
export type ActiveWindowInput = z.input<typeof activeWindow>;

function unique(values: string[]): boolean {
  return new Set(values).size === values.length;
}
