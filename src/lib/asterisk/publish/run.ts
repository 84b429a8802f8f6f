import "server-only";
import { env } from "@/env";
import type { Db, Tx } from "@/lib/db/client";
import { getSettings } from "@/lib/db/queries/settings";
import { AppError } from "@/lib/errors";
import { type ApplyOptions, type ApplyResult, requestApply } from "./apply";
import { type AmiConnection, connectAsteriskControl } from "./asterisk-control";

/** The AMI connection from env or the Settings page, or a clear error saying what is missing. */
export async function amiConnection(exec?: Db | Tx): Promise<AmiConnection> {
  // One read: the listener polls this every few seconds and every panel action calls it.
  const [host, port, username, secret] = await getSettings(
    ["ami.host", "ami.port", "ami.user", "ami.secret"],
    exec,
  );
  if (!host || !username || !secret) {
    throw new AppError(
      "unavailable:ami_settings",
      "Set the AMI host, user and secret in Settings before applying.",
    );
  }
  return { host, port: Number(port ?? 5038), username, secret };
}

export function configDir(): string {
  if (!env.ASTERISK_CONFIG_DIR) {
    throw new AppError(
      "unavailable:config_dir",
      "ASTERISK_CONFIG_DIR is not set: the server does not know where Asterisk reads Switchboard's include files.",
    );
  }
  return env.ASTERISK_CONFIG_DIR;
}

/** Apply (or roll back) with the app's own configuration. */
export async function applyWithAppSettings(
  options: Pick<ApplyOptions, "actor" | "rollbackTo" | "onProgress">,
): Promise<ApplyResult> {
  const dir = configDir();
  const conn = await amiConnection();
  return requestApply({ ...options, configDir: dir, connect: () => connectAsteriskControl(conn) });
}
