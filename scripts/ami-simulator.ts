import pino from "pino";
import { startAmiSimulator } from "@/lib/asterisk/ami/simulator/ami-simulator";
import { parseCliOptions, USAGE } from "@/lib/asterisk/ami/simulator/cli-options";

/**
 * `npm run simulator -- [--rate 2000] [--calls 50] [--demo] …`: an AMI server that behaves like
 * Asterisk 22 for load tests, demos and e2e runs (the flags are in cli-options.ts). Prints one
 * JSON line with the port on stdout once listening; logs go to stderr. Stops on SIGTERM/SIGINT.
 */
const log = pino({ base: { app: "ami-simulator" } }, pino.destination(2));
const STATS_EVERY_MS = 10_000;

let options: ReturnType<typeof parseCliOptions>;
try {
  options = parseCliOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.info(USAGE);
  process.exit(0);
}

const sim = await startAmiSimulator({ ...options, logger: log }).catch((error: Error) => {
  log.fatal({ err: error }, "the simulator could not start");
  process.exit(1);
});

console.info(
  JSON.stringify({
    event: "listening",
    host: sim.host,
    port: sim.port,
    username: options.username,
    seed: sim.seed,
    extensions: sim.world.extensions.size,
    queues: [...sim.world.queues.keys()],
    rate: options.rate,
    calls: options.calls,
    demo: options.demo,
  }),
);

let lastEvents = 0;
const stats = setInterval(() => {
  const events = sim.eventCount;
  log.info(
    {
      eventsPerSecond: Math.round(((events - lastEvents) * 1000) / STATS_EVERY_MS),
      events,
      channels: sim.world.channels.size,
      waiting: [...sim.world.queues.values()].reduce((n, q) => n + q.entries.length, 0),
      sessions: sim.sessionCount,
      actions: sim.actions.length,
    },
    "stats",
  );
  lastEvents = events;
}, STATS_EVERY_MS);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  clearInterval(stats);
  log.info({ signal }, "simulator stopping");
  await sim.stop();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
