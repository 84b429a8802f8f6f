import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getSecrets } from "@/lib/secrets";

/** AES-256-GCM with a key from ENCRYPTION_KEY (or the generated one on embedded defaults). */
function key(): Buffer {
  const raw = getSecrets().encryptionKey;
  const decoded = Buffer.from(raw, "base64");
  // Accept any string, but use exactly 32 bytes: base64 of 32 bytes as given, otherwise its SHA-256.
  return decoded.length === 32 ? decoded : createHash("sha256").update(raw).digest();
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(
    ":",
  );
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, body] = stored.split(":");
  // An empty secret encrypts to an empty body, so only a missing body is malformed.
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Unrecognised secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
}
