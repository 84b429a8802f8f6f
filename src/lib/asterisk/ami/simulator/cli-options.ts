import { parseArgs } from "node:util";
import type { AmiSimulatorOptions } from "./ami-simulator";

export const USAGE = `Usage: npm run simulator -- [options]

An AMI server that behaves like Asterisk 22 (see src/lib/asterisk/ami/simulator/).

Connection
  --host <addr>            listen address (default 127.0.0.1)
  --port <n>               TCP port, 0 for any free one (default 5038)
  --user <name>            AMI username (default switchboard)
  --secret <secret>        AMI secret (default switchboard)

World
  --extensions <n>         phones PJSIP/<first>… (default 20, or enough for --calls / --rate)
  --first-extension <n>    first phone number (default 1000)
  --queues <n>             queues q5000, q5001 … (default 4)
  --members-per-queue <n>  agents per queue (default: each phone in ~2 queues, at most 12)
  --context <name>         the phones' dialplan context (default sb-internal)
  --hint-context <name>    context of the phone hints in ExtensionStatus (default sb-extensions)
  --device-states <mode>   recorded (phones on a call are BUSY, as in the transcripts) or pjsip
                           (RINGING / INUSE / ONHOLD) (default recorded)

Traffic
  --rate <events/s>        hold this event rate (e.g. 2000)
  --calls <n>              hold this many concurrent calls
  --demo                   a handful of slow calls a person can follow
  --seed <n>               PRNG seed; the same seed replays the same traffic (default random)
  --action-talk-ms <ms>    how long calls started or moved by actions stay up (default 60000)

Output
  --action-log <file>      append every received action as JSON lines
  --help                   this text

Without --rate, --calls or --demo it runs 10 concurrent calls at a natural pace.`;

export type CliOptions = AmiSimulatorOptions & { help: boolean };

/** Parses the CLI flags; throws with a readable message on a bad value. */
export function parseCliOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      user: { type: "string" },
      secret: { type: "string" },
      extensions: { type: "string" },
      "first-extension": { type: "string" },
      queues: { type: "string" },
      "members-per-queue": { type: "string" },
      context: { type: "string" },
      "hint-context": { type: "string" },
      "device-states": { type: "string" },
      rate: { type: "string" },
      calls: { type: "string" },
      demo: { type: "boolean" },
      seed: { type: "string" },
      "action-talk-ms": { type: "string" },
      "action-log": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const int = (name: string, value: string | undefined, min = 0) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
    return n;
  };
  const deviceStates = values["device-states"];
  if (deviceStates !== undefined && deviceStates !== "recorded" && deviceStates !== "pjsip") {
    throw new Error(`--device-states must be recorded or pjsip, got ${JSON.stringify(deviceStates)}`);
  }
  const rate = int("rate", values.rate, 1) ?? null;
  const demo = values.demo ?? false;
  const calls = int("calls", values.calls, 1) ?? (rate === null && !demo ? 10 : null);
  const talk = int("action-talk-ms", values["action-talk-ms"], 1);
  return {
    help: values.help ?? false,
    host: values.host ?? "127.0.0.1",
    port: int("port", values.port) ?? 5038,
    username: values.user ?? "switchboard",
    secret: values.secret ?? "switchboard",
    // Enough idle phones for the calls to find parties, and for --rate at a sensible call length.
    extensions:
      int("extensions", values.extensions, 1) ??
      Math.max(20, Math.ceil((calls ?? 0) * 2.5) + 5, Math.ceil((rate ?? 0) / 10)),
    firstExtension: int("first-extension", values["first-extension"]),
    queues: int("queues", values.queues),
    membersPerQueue: int("members-per-queue", values["members-per-queue"], 1),
    context: values.context,
    hintContext: values["hint-context"],
    deviceStates,
    // The command-line simulator stands in for a Switchboard-configured Asterisk.
    cdrFields: "switchboard" as const,
    rate,
    calls,
    demo,
    seed: int("seed", values.seed),
    actionTiming: talk === undefined ? undefined : { talkMs: talk },
    actionLog: values["action-log"],
  };
}
