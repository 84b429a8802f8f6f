import { randomBytes } from "node:crypto";
import {
  BANNER,
  type FakeAmiServer,
  type ReceivedAction,
  startFakeAmi,
} from "@/lib/asterisk/ami/testing/fake-ami-server";
import { db } from "@/lib/db/client";
import { settings } from "@/lib/db/schema/settings";
import { encryptSecret } from "@/lib/settings/crypto";

export type AnsweringAmi = FakeAmiServer & {
  /** Every action after the login, in order, across connections. */
  actions: () => ReceivedAction[];
  /** Every byte any client wrote after its login. */
  received: () => string;
  /** Makes the next answers to this action an Error with this message. */
  refuse: (action: string, message: string) => void;
  /** The value of `key` in an action, matched case-insensitively. */
  header: (action: ReceivedAction, key: string) => string | undefined;
};

/** Asterisk 22's own success messages, from the recorded transcripts (Park's bare LF included). */
const MESSAGES: Record<string, string | undefined> = {
  Originate: "Originate successfully queued",
  Redirect: "Redirect successful",
  Atxfer: "Atxfer successfully queued",
  Park: "Park successful\n",
  Hangup: "Channel Hungup",
  QueueAdd: "Added interface to queue",
  QueueRemove: "Removed interface from queue",
  QueuePause: "Interface paused successfully",
  MixMonitor: undefined,
  StopMixMonitor: undefined,
};

/**
 * A fake Asterisk that accepts the login and answers every action with Success (Originate
 * "successfully queued", as Asterisk 22 does for Async), unless told to refuse one.
 */
export async function startAnsweringAmi(): Promise<AnsweringAmi> {
  const refusals = new Map<string, string>();
  const server = await startFakeAmi({
    onConnection: (c) => c.write(BANNER),
    onAction: (c, a) => {
      const id = `ActionID: ${a.actionId}\r\n`;
      if (a.name === "Login")
        return c.write(`Response: Success\r\n${id}Message: Authentication accepted\r\n\r\n`);
      const refusal = refusals.get(a.name);
      if (refusal) return c.write(`Response: Error\r\n${id}Message: ${refusal}\r\n\r\n`);
      const message = MESSAGES[a.name];
      c.write(`Response: Success\r\n${id}${message === undefined ? "" : `Message: ${message}\r\n`}\r\n`);
    },
  });
  const afterLogin = () => server.connections.flatMap((c) => c.actions.filter((a) => a.name !== "Login"));
  return {
    ...server,
    actions: afterLogin,
    received: () =>
      afterLogin()
        .map((a) => a.raw)
        .join(""),
    refuse: (action, message) => refusals.set(action, message),
    header: (action, key) => action.headers.find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1],
  };
}

/** Points the Settings page's AMI connection at the fake server (or clears it). */
export async function pointAmiSettingsAt(port: number | null): Promise<void> {
  await db.delete(settings);
  if (port === null) return;
  await db.insert(settings).values([
    { key: "ami.host", value: "127.0.0.1" },
    { key: "ami.port", value: String(port) },
    { key: "ami.user", value: "switchboard" },
    { key: "ami.secret", value: encryptSecret(randomBytes(12).toString("hex")), encrypted: true },
  ]);
}
