import { z } from "zod";
import { ALLOW, ALLOW_MESSAGES, type AllowlistName, CODECS, type Codec } from "@/lib/asterisk/allowlists";
import { CLASSES_OF_SERVICE } from "./trunk-options";

/**
 * One extension's fields, shared by the form, the actions and the CSV import. Every string that
 * reaches Asterisk config is held to its allowlist in lib/asterisk/allowlists.ts. Only spaces are
 * trimmed: a trailing newline or NUL is an error, never silently cut away.
 */
export const RECORDING_POLICIES = ["always", "never", "on_demand"] as const;
export type RecordingPolicyValue = (typeof RECORDING_POLICIES)[number];
export const RECORDING_POLICY_LABELS: Record<RecordingPolicyValue, string> = {
  always: "Always",
  never: "Never",
  on_demand: "On demand",
};

export const DEFAULT_CODECS: Codec[] = ["ulaw", "alaw"];
export const MAX_CONTACTS = { min: 1, max: 10 } as const;
export const PICKUP_GROUP = { min: 0, max: 63 } as const;

const trimSpaces = (v: string) => v.replace(/^ +| +$/g, "");

/** A required value held to one allowlist; over-long input gets one clear message, not two. */
function allowed(name: AllowlistName, max: number, empty: string) {
  return z
    .string({ message: empty })
    .max(max + 16, { message: `Use at most ${max} characters.`, abort: true })
    .transform(trimSpaces)
    .refine((v) => v !== "", { message: empty, abort: true })
    .refine((v) => v.length <= max, { message: `Use at most ${max} characters.`, abort: true })
    .refine((v) => ALLOW[name].test(v), ALLOW_MESSAGES[name]);
}

/** Like `allowed`, but empty (or missing) means "not set" and becomes null. */
function optionalAllowed(name: AllowlistName, max: number, message = ALLOW_MESSAGES[name]) {
  return z
    .union([z.string(), z.null(), z.undefined()], { message })
    .transform((v) => trimSpaces(v ?? ""))
    .refine((v) => v.length <= max, { message: `Use at most ${max} characters.`, abort: true })
    .refine((v) => v === "" || ALLOW[name].test(v), message)
    .transform((v) => (v === "" ? null : v))
    .default(null);
}

/** A small whole number typed into a text box (or given as a number by code). */
function wholeNumber(range: { min: number; max: number }, label: string, optional: boolean) {
  const message = `${label} is a whole number from ${range.min} to ${range.max}.`;
  return z
    .union([z.string(), z.number(), z.null(), z.undefined()], { message })
    .transform((v) => (typeof v === "number" ? String(v) : trimSpaces(v ?? "")))
    .refine((v) => (optional && v === "") || (/^[0-9]{1,3}$/.test(v) && +v >= range.min && +v <= range.max), {
      message,
    })
    .transform((v) => (v === "" ? null : Number(v)));
}

export const numberField = allowed("extensionNumber", 8, "Enter a number of 2 to 8 digits.");
export const displayNameField = allowed("displayName", 40, "Enter a display name.");

/** One of CODECS, no repeats, at least one; errors land on `codecs` itself so the form can show them. */
export const codecsField = z
  .array(z.unknown(), { message: "Choose at least one codec." })
  .max(CODECS.length, "Choose each codec at most once.")
  .superRefine((list, ctx) => {
    if (list.length === 0) ctx.addIssue({ code: "custom", message: "Choose at least one codec." });
    const bad = list.filter((c) => typeof c !== "string" || !ALLOW.codec.test(c));
    if (bad.length)
      ctx.addIssue({ code: "custom", message: `Unknown codec. Choose from ${CODECS.join(", ")}.` });
    if (new Set(list).size !== list.length)
      ctx.addIssue({ code: "custom", message: "Choose each codec at most once." });
  })
  .transform((list) => list as Codec[]);

const userIdField = z
  .union([z.string(), z.null(), z.undefined()], { message: "Choose a user from the list." })
  .transform((v) => v ?? "")
  .refine((v) => v === "" || z.string().uuid().safeParse(v).success, "Choose a user from the list.")
  .transform((v) => (v === "" ? null : v))
  .default(null);

const extensionFields = {
  number: numberField,
  displayName: displayNameField,
  /** The user whose users.extension is (or becomes) this number; "" or null for none. */
  userId: userIdField,
  enabled: z.boolean().default(true),
  webrtc: z.boolean().default(false),
  codecs: codecsField.default(DEFAULT_CODECS),
  maxContacts: wholeNumber(MAX_CONTACTS, "Max contacts", false).default(1),
  voicemailEnabled: z.boolean().default(false),
  /** On update, empty keeps the current PIN. */
  voicemailPin: optionalAllowed("pin", 10),
  recordingPolicy: z
    .enum(RECORDING_POLICIES, { message: "Choose always, never or on demand." })
    .default("never"),
  outboundCallerId: optionalAllowed("dial", 32),
  pickupGroup: wholeNumber(PICKUP_GROUP, "Pickup group", true).default(null),
  callWaiting: z.boolean().default(true),
  dnd: z.boolean().default(false),
  /** Which outbound routes it may use (a route lists the classes it admits). */
  classOfService: z
    .enum(CLASSES_OF_SERVICE, { message: "Choose internal, local, national or international." })
    .default("national"),
};

const pinRequired = (v: { voicemailEnabled: boolean; voicemailPin: string | null }) =>
  !v.voicemailEnabled || v.voicemailPin !== null;
const PIN_REQUIRED = { path: ["voicemailPin"], message: "Voicemail needs a PIN of 4 to 10 digits." };

export const createExtensionSchema = z.object(extensionFields).refine(pinRequired, PIN_REQUIRED);

/** No PIN refinement here: an empty PIN keeps the stored one, which only the action can see. */
export const updateExtensionSchema = z.object({ ...extensionFields, id: z.string().uuid() });

export const extensionIdSchema = z.object({ id: z.string().uuid() });

export const bulkIdsSchema = z.object({
  ids: z.array(z.string().uuid()).min(1, "Select at least one extension.").max(500, "Select at most 500."),
});
export const bulkEnableSchema = bulkIdsSchema.extend({ enabled: z.boolean() });

export type CreateExtensionInput = z.input<typeof createExtensionSchema>;
export type UpdateExtensionInput = z.input<typeof updateExtensionSchema>;
export type ExtensionValues = z.output<typeof createExtensionSchema>;
