import { utimesSync, writeFileSync } from "node:fs";
import { getBus } from "@/lib/bus/get-bus";
import { dbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { log } from "@/lib/log";

/**
 * `npm run listener`: the companion process that will hold the AMI connection and the live
 * state (the live-panel issue). For now it is the process shell the stack runs: it connects to
 * the database and the bus, proves it is alive through a heartbeat file for the container
 * healthcheck, and stops cleanly on SIGTERM/SIGINT.
 */
const ALIVE_FILE = "/tmp/switchboard-listener.alive";
const HEARTBEAT_MS = 5_000;

await runMigrations(dbHandle());
const bus = getBus();
writeFileSync(ALIVE_FILE, String(process.pid));
log.info({ bus: bus.kind }, "listener started; AMI state tracking is not implemented yet");

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
  await Promise.allSettled([bus.close(), dbHandle().close()]);
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
