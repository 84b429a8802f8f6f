import { z } from "zod";
import { ALLOW, ALLOW_MESSAGES } from "@/lib/asterisk/allowlists";
import { parsePattern } from "@/lib/routing/outbound/pattern";
import { allowlisted, displayNameField, intField } from "./allowlisted";
import { codecsField, DEFAULT_CODECS } from "./extension";
import {
  CALLER_ID_MODES,
  CLASSES_OF_SERVICE,
  DTMF_MODES,
  TRUNK_AUTH_MODES,
  TRUNK_DIRECTIONS,
  TRUNK_TRANSPORTS,
} from "./trunk-options";

/** pjsip objects this name would collide with (transports, the global section, test templates). */
const RESERVED_TRUNK_NAMES = /^(transport-.*|global|system|anonymous|test-.*|sb-.*)$/i;

/** Empty (or missing) means "not set" and becomes null; anything else must pass the allowlist. */
function optional(name: keyof typeof ALLOW) {
  return z
    .union([z.string(), z.null(), z.undefined()], { message: ALLOW_MESSAGES[name] })
    .transform((v) => (v ?? "").replace(/^ +| +$/g, ""))
    .refine((v) => v === "" || ALLOW[name].test(v), ALLOW_MESSAGES[name])
    .transform((v) => (v === "" ? null : v));
}

const trunkFields = {
  name: allowlisted("trunkName", { empty: "Enter a name." }).refine(
    (v) => !RESERVED_TRUNK_NAMES.test(v),
    "That name is reserved; choose another.",
  ),
  direction: z.enum(TRUNK_DIRECTIONS, { message: "Choose a direction." }),
  authMode: z.enum(TRUNK_AUTH_MODES, { message: "Choose how the carrier knows us." }),
  host: allowlisted("host", { empty: "Enter the carrier's host name or IP address." }),
  port: intField(1, 65535),
  transport: z.enum(TRUNK_TRANSPORTS, { message: "Choose UDP, TCP or TLS." }),
  username: optional("sipUser"),
  /** Empty on update keeps the stored password; it is never sent back to the browser. */
  secret: optional("trunkSecret"),
  fromUser: optional("sipUser"),
  codecs: codecsField.default(DEFAULT_CODECS),
  dtmfMode: z.enum(DTMF_MODES, { message: "Choose a DTMF mode." }),
  maxChannels: intField(0, 999),
  callerIdMode: z.enum(CALLER_ID_MODES, { message: "Choose what caller ID to send." }),
  fixedCallerId: optional("dial"),
};

type TrunkShape = {
  authMode: string;
  username: string | null;
  callerIdMode: string;
  fixedCallerId: string | null;
};
const checks = (v: TrunkShape, ctx: z.RefinementCtx) => {
  if (v.authMode === "registration" && !v.username)
    ctx.addIssue({
      code: "custom",
      path: ["username"],
      message: "Registration needs the account's username.",
    });
  if (v.callerIdMode === "fixed" && !v.fixedCallerId)
    ctx.addIssue({ code: "custom", path: ["fixedCallerId"], message: "Enter the number to send." });
};

export const createTrunkSchema = z
  .object(trunkFields)
  .superRefine(checks)
  .superRefine((v, ctx) => {
    if (v.authMode === "registration" && !v.secret)
      ctx.addIssue({
        code: "custom",
        path: ["secret"],
        message: "Registration needs the account's password.",
      });
  });
export const updateTrunkSchema = z.object({ ...trunkFields, id: z.string().uuid() }).superRefine(checks);
export const trunkIdSchema = z.object({ id: z.string().uuid() });

export type CreateTrunkInput = z.input<typeof createTrunkSchema>;
export type TrunkValues = z.output<typeof createTrunkSchema>;

// ---- outbound routes ----

export const MAX_PATTERNS = 50;
export const MAX_ROUTE_TRUNKS = 10;

const patternField = z.string({ message: "Enter a pattern." }).transform((raw, ctx) => {
  const v = raw.length > 100 ? raw : raw.replace(/^ +| +$/g, "");
  const parsed = parsePattern(v);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(v.slice(0, 45))}: ${parsed.message}` });
    return z.NEVER;
  }
  return v;
});

const routeFields = {
  name: displayNameField,
  patterns: z
    .array(patternField, { message: "Enter at least one pattern." })
    .min(1, "Enter at least one pattern.")
    .max(MAX_PATTERNS, `A route has at most ${MAX_PATTERNS} patterns.`)
    .refine((p) => new Set(p).size === p.length, "Each pattern may appear only once."),
  strip: intField(0, 20),
  prepend: allowlisted("dialOrEmpty"),
  callerId: optional("dial"),
  classes: z
    .array(z.enum(CLASSES_OF_SERVICE, { message: "Unknown class." }))
    .min(1, "Choose at least one class of service.")
    .refine((c) => new Set(c).size === c.length, "Choose each class once."),
  /** Trunk ids in failover order. */
  trunks: z
    .array(z.string().uuid("Choose trunks from the list."))
    .min(1, "Choose at least one trunk.")
    .max(MAX_ROUTE_TRUNKS, `A route has at most ${MAX_ROUTE_TRUNKS} trunks.`)
    .refine((t) => new Set(t).size === t.length, "Each trunk may appear only once."),
};

export const createRouteSchema = z.object(routeFields);
export const updateRouteSchema = z.object({ ...routeFields, id: z.string().uuid() });
export const routeIdSchema = z.object({ id: z.string().uuid() });
export const moveRouteSchema = z.object({ id: z.string().uuid(), direction: z.enum(["up", "down"]) });

export const testRouteSchema = z.object({
  number: allowlisted("dial", { empty: "Enter a number to test." }),
  classOfService: z.enum(CLASSES_OF_SERVICE, { message: "Choose a class." }),
  /** Optional: the calling extension, for its caller ID. */
  extension: z
    .union([z.string(), z.null(), z.undefined()])
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || ALLOW.extensionNumber.test(v), ALLOW_MESSAGES.extensionNumber),
});

export type CreateRouteInput = z.input<typeof createRouteSchema>;
export type RouteValues = z.output<typeof createRouteSchema>;
