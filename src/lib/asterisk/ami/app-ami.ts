import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { AmiConnection } from "@/lib/asterisk/publish/asterisk-control";
import { amiConnection } from "@/lib/asterisk/publish/run";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { AmiClient } from "./ami-client";
import { AmiError } from "./ami-error";
import { AmiConnectionState } from "./connection-state";
import type { AmiReply } from "./pending-actions";
import type { AmiActionHeaders } from "./serialize-action";

/** Panel actions run inside a database transaction: an answer that takes longer is a failure. */
export const APP_AMI_ACTION_TIMEOUT_MS = 5_000;
/** How long an action waits for the shared connection to come up before saying Asterisk is unreachable. */
export const APP_AMI_CONNECT_WAIT_MS = 3_000;

type Entry = { key: string; where: string; client: AmiClient; lastError: string | null };

// One client per server process; globalThis keeps it across Next's dev reloads.
const g = globalThis as unknown as { __switchboardAppAmi?: Entry };

/**
 * The app's own AMI connection for actions (panel, click-to-call), separate from the listener's:
 * connected on first use, shared by every request, and replaced when the AMI settings change.
 * Events are off (the listener reads them); actions time out after APP_AMI_ACTION_TIMEOUT_MS.
 *
 * Fails with `unavailable:ami_settings` when AMI is not configured, `unavailable:ami_login` when
 * Asterisk refuses the credentials, and `unavailable:ami` when it cannot be reached in time.
 * Inside an action pass its `tx` (the settings are read with it).
 */
export async function getAppAmi(exec?: Db | Tx): Promise<AmiClient> {
  const conn = await loadConnection(exec);
  const key = fingerprint(conn);
  let entry = g.__switchboardAppAmi;
  if (entry && entry.key !== key) {
    dispose(entry);
    entry = undefined;
  }
  entry ??= create(conn, key);
  await waitConnected(entry);
  return entry.client;
}

/** Sends one action on the shared connection (see getAppAmi for the errors). */
export async function appAmiAction(
  action: string,
  headers: AmiActionHeaders,
  options: { exec?: Db | Tx; timeoutMs?: number } = {},
): Promise<AmiReply> {
  const client = await getAppAmi(options.exec);
  return client.action(action, headers, { timeoutMs: options.timeoutMs });
}

/** Closes the shared connection (tests, shutdown). The next action opens a new one. */
export async function closeAppAmi(): Promise<void> {
  const entry = g.__switchboardAppAmi;
  if (!entry) return;
  g.__switchboardAppAmi = undefined;
  await entry.client.close();
}

async function loadConnection(exec?: Db | Tx): Promise<AmiConnection> {
  try {
    return await amiConnection(exec);
  } catch (error) {
    if (error instanceof AppError && error.code === "unavailable:ami_settings") {
      throw new AppError(
        "unavailable:ami_settings",
        "Asterisk is not configured: set the AMI host, user and secret in Settings.",
      );
    }
    throw error;
  }
}

function create(conn: AmiConnection, key: string): Entry {
  const client = new AmiClient({
    ...conn,
    events: "off",
    actionTimeoutMs: APP_AMI_ACTION_TIMEOUT_MS,
    connectTimeoutMs: APP_AMI_CONNECT_WAIT_MS,
    keepalive: { intervalMs: 30_000, deadAfterMs: 75_000 },
    // Random per connection: ActionIDs end up in supervision_sessions, which must stay unique across restarts.
    actionIdPrefix: `sb-app-${randomBytes(4).toString("hex")}`,
  });
  const entry: Entry = { key, where: `${conn.host}:${conn.port}`, client, lastError: null };
  client.on("state", ({ error }) => {
    if (error) entry.lastError = error.message;
  });
  g.__switchboardAppAmi = entry;
  return entry;
}

async function waitConnected(entry: Entry): Promise<void> {
  if (entry.client.state === AmiConnectionState.Connected) return;
  let timer: NodeJS.Timeout | undefined;
  const connected = entry.client.connect();
  // connect() may settle after we stopped waiting; that outcome is read from the client's state.
  connected.catch(() => {});
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), APP_AMI_CONNECT_WAIT_MS);
  });
  try {
    const outcome = await Promise.race([connected, timedOut]);
    if (outcome !== "timeout") return;
    throw new AppError(
      "unavailable:ami",
      `Asterisk is not reachable over AMI at ${entry.where}${entry.lastError ? ` (${entry.lastError})` : ""}.`,
    );
  } catch (error) {
    if (error instanceof AmiError && error.code === "unavailable:ami_login") {
      // A refused login stops the client for good; the next action starts over with fresh settings.
      dispose(entry);
      throw new AppError(
        "unavailable:ami_login",
        "Asterisk refused the AMI login: check the AMI user and secret in Settings.",
      );
    }
    if (error instanceof AmiError) {
      dispose(entry);
      throw new AppError("unavailable:ami", `Asterisk is not reachable over AMI at ${entry.where}.`);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function dispose(entry: Entry) {
  if (g.__switchboardAppAmi === entry) g.__switchboardAppAmi = undefined;
  entry.client.close().catch(() => {});
}

function fingerprint(conn: AmiConnection): string {
  return createHash("sha256")
    .update(JSON.stringify([conn.host, conn.port, conn.username, conn.secret]))
    .digest("hex");
}
