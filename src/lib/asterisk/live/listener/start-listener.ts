import "server-only";
import type { AmiClientOptions } from "@/lib/asterisk/ami/ami-client-options";
import { amiConnection } from "@/lib/asterisk/publish/run";
import { getBus } from "@/lib/bus/get-bus";
import { db } from "@/lib/db/client";
import { getSetting } from "@/lib/db/queries/settings";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { recordingsRoot } from "@/lib/recordings/root";
import { LiveListener } from "./live-listener";

const g = globalThis as unknown as { __switchboardListener?: Promise<LiveListener> };

/**
 * Starts the process's one listener, from the app's own settings (Settings page or env).
 * `npm run listener` calls it in its own process when REDIS_URL is set; without Redis, the
 * server's instrumentation calls it, so the in-memory bus and the listener share the process.
 */
export function startListener(): Promise<LiveListener> {
  g.__switchboardListener ??= (async () => {
    const timeZone = (await getSetting("general.timezone")) ?? "UTC";
    const listener = new LiveListener({
      bus: getBus(),
      db,
      timeZone,
      log: log.child({ component: "listener" }),
      connection: listenerConnection,
      recordingsRoot: recordingsRoot(),
    });
    await listener.start();
    return listener;
  })();
  return g.__switchboardListener;
}

/** The running listener of this process, if it started one. */
export function runningListener(): Promise<LiveListener> | undefined {
  return g.__switchboardListener;
}

async function listenerConnection(): Promise<AmiClientOptions | null> {
  try {
    return await amiConnection();
  } catch (err) {
    if (err instanceof AppError && err.code === "unavailable:ami_settings") return null;
    throw err;
  }
}
