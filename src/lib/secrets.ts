import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/env";

type Secrets = { authSecret: string; encryptionKey: string };

const g = globalThis as unknown as { __switchboardSecrets?: Secrets };

/**
 * AUTH_SECRET and ENCRYPTION_KEY come from env. On the embedded defaults (no env at all) they
 * are generated once into DATA_DIR/secrets.json (mode 0600), so a first start needs no setup and
 * restarts keep sessions and encrypted settings readable.
 */
export function getSecrets(): Secrets {
  if (g.__switchboardSecrets) return g.__switchboardSecrets;
  let authSecret = env.AUTH_SECRET;
  let encryptionKey = env.ENCRYPTION_KEY;
  if (!authSecret || !encryptionKey) {
    const stored = readOrCreateStored();
    authSecret ??= stored.authSecret;
    encryptionKey ??= stored.encryptionKey;
  }
  g.__switchboardSecrets = { authSecret, encryptionKey };
  return g.__switchboardSecrets;
}

function readOrCreateStored(): Secrets {
  const dir = env.DATA_DIR === "memory://" ? path.resolve("data") : path.resolve(env.DATA_DIR);
  const file = path.join(dir, "secrets.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Secrets;
  } catch {
    const fresh: Secrets = {
      authSecret: randomBytes(32).toString("base64url"),
      encryptionKey: randomBytes(32).toString("base64"),
    };
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, JSON.stringify(fresh), { mode: 0o600, flag: "wx" });
      return fresh;
    } catch {
      // Another process won the race to create it: use theirs.
      return JSON.parse(readFileSync(file, "utf8")) as Secrets;
    }
  }
}
