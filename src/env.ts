import { z } from "zod";

/**
 * The one place that reads process.env. Everything else imports `env`.
 * Empty strings count as unset, so `FOO=` in a shell or compose file means "use the default".
 */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const bool = z.preprocess((v) => {
  if (v === undefined || v === "") return undefined;
  return ["1", "true", "yes", "on"].includes(String(v).toLowerCase());
}, z.boolean().optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Set: PostgreSQL through `pg`. Unset: PGlite under DATA_DIR. */
  DATABASE_URL: optional(z.string().url()),
  DATA_DIR: optional(z.string()).transform((v) => v ?? "./data"),
  /** Set: Redis bus and throttling. Unset: in-memory bus, listener in-process. */
  REDIS_URL: optional(z.string().url()),
  AUTH_SECRET: optional(z.string().min(32)),
  /** 32 bytes, base64: encrypts secrets in the settings table. */
  ENCRYPTION_KEY: optional(z.string().min(40)),
  SESSION_MAX_AGE_SECONDS: optional(z.coerce.number().int().min(1)).transform((v) => v ?? 8 * 60 * 60),
  TRUST_PROXY: bool.transform((v) => v ?? false),
  LOG_LEVEL: optional(z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"])).transform(
    (v) => v ?? "info",
  ),
  SEED_ADMIN_PASSWORD: optional(z.string()),
  SEED_SUPERVISOR_PASSWORD: optional(z.string()),
  SEED_AGENT_PASSWORD: optional(z.string()),
  SEED_QA_PASSWORD: optional(z.string()),
  // Overrides for the settings page; a value here wins and the page shows it as such.
  AMI_HOST: optional(z.string()),
  AMI_PORT: optional(z.string()),
  AMI_USER: optional(z.string()),
  AMI_SECRET: optional(z.string()),
  ARI_URL: optional(z.string()),
  ARI_USER: optional(z.string()),
  ARI_PASSWORD: optional(z.string()),
  SIP_WS_URL: optional(z.string()),
  TIMEZONE: optional(z.string()),
  SMTP_HOST: optional(z.string()),
  SMTP_PORT: optional(z.string()),
  SMTP_USER: optional(z.string()),
  SMTP_PASSWORD: optional(z.string()),
  SMTP_FROM: optional(z.string()),
  STUN_SERVERS: optional(z.string()),
  TURN_URL: optional(z.string()),
  TURN_USER: optional(z.string()),
  TURN_PASSWORD: optional(z.string()),
  RETENTION_DAYS: optional(z.string()),
  PANEL_AGENTS_SEE_PEERS: optional(z.string()),
  ASTERISK_CONFIG_DIR: optional(z.string()),
  ASTERISK_SPOOL_DIR: optional(z.string()),
  ASTERISK_CLI: optional(z.string()),
  /** The sound library (converted WAVs, named by id); Asterisk must read it at this same path. */
  ASTERISK_SOUNDS_DIR: optional(z.string()),
  /** Largest sound upload, in megabytes. */
  SOUND_UPLOAD_MAX_MB: optional(z.coerce.number().positive().max(500)).transform((v) => v ?? 20),
});

export type Env = z.infer<typeof schema>;

function parseEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env = parseEnv();
