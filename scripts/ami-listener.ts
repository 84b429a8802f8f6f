import { utimesSync, writeFileSync } from "node:fs";
import { startListener } from "@/lib/asterisk/live/listener/start-listener";
import { getBus } from "@/lib/bus/get-bus";
import { dbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { log } from "@/lib/log";

/**
 * `npm run listener`: the companion process that holds the AMI connection and the live state
 * (lib/asterisk/live), publishes it through Redis for the app's SSE routes, and writes queue
 * events, agent sessions and CDRs to PostgreSQL. Without REDIS_URL the app server runs the
 * same listener in-process instead, and this script refuses to start (nothing could hear it).
 *
 * It proves it is alive through a heartbeat file for the container healthcheck, and stops
 * cleanly on SIGTERM/SIGINT: the AMI session logs off and buffered rows are written.
 */
const ALIVE_FILE = "/tmp/switchboard-listener.alive";
const HEARTBEAT_MS = 5_000;

const bus = getBus();
if (bus.kind !== "redis") {
  log.fatal(
    "REDIS_URL is not set: the app server runs the listener itself; a separate one would publish to nobody",
  );
  process.exit(1);
}
await runMigrations(dbHandle());
const listener = await startListener();
writeFileSync(ALIVE_FILE, String(process.pid));
log.info({ bus: bus.kind }, "listener started");

const beat = setInterval(async () => {
  if (await bus.ping()) {
    const now = new Date();
    utimesSync(ALIVE_FILE, now, now);
  } else {
    log.warn("bus unreachable; heartbeat withheld");
  }
}, HEARTBEAT_MS);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "listener stopping");
  clearInterval(beat);
  await listener.stop();
  await Promise.allSettled([bus.close(), dbHandle().close()]);
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
