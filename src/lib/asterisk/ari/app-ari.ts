import "server-only";
import { randomUUID } from "node:crypto";
import ari from "ari-client";
import type { Db, Tx } from "@/lib/db/client";
import { getSettings } from "@/lib/db/queries/settings";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

/**
 * The Stasis application Switchboard's own ARI channels live in (soundboard snoop channels).
 * ARI only creates a channel into an application that has a WebSocket connected, so the
 * connection below always `start()`s it.
 */
export const SWITCHBOARD_ARI_APP = "switchboard";

/** How long connecting (fetching ARI's API description + the WebSocket) may take. */
const CONNECT_TIMEOUT_MS = 5_000;
/** A clip longer than this is cut off: the snoop channel is hung up whatever ARI says. */
const MAX_PLAYBACK_MS = 120_000;

type AriConnection = { url: string; username: string; password: string };
type Entry = { key: string; client: Promise<ari.Client> };

// One client per server process; globalThis keeps it across Next's dev reloads.
const g = globalThis as unknown as { __switchboardAri?: Entry };

/** The ARI settings (Settings page or ARI_URL/ARI_USER/ARI_PASSWORD). */
export async function ariConnection(exec?: Db | Tx): Promise<AriConnection> {
  const [url, username, password] = await getSettings(["ari.url", "ari.user", "ari.password"], exec);
  if (!url || !username || !password) {
    throw new AppError(
      "unavailable:ari_settings",
      "Asterisk's REST interface is not configured: set the ARI URL, user and password in Settings.",
    );
  }
  return { url, username, password };
}

/**
 * The app's ARI client, connected on first use and replaced when the settings change.
 *
 * ari-client (the library the architecture names) is used as it is for REST calls and events;
 * what it lacks is wrapped here: it has no connect timeout (an unreachable Asterisk would hang
 * the request) and it wants the base URL without the `/ari` suffix our setting carries.
 */
export async function getAppAri(exec?: Db | Tx): Promise<ari.Client> {
  const conn = await ariConnection(exec);
  const key = JSON.stringify(conn);
  let entry = g.__switchboardAri;
  if (entry && entry.key !== key) {
    dispose(entry);
    entry = undefined;
  }
  if (!entry) {
    entry = { key, client: connect(conn) };
    g.__switchboardAri = entry;
    const current = entry;
    current.client.catch(() => {
      // A failed connect is forgotten, so the next request tries again.
      if (g.__switchboardAri === current) g.__switchboardAri = undefined;
    });
  }
  return entry.client;
}

async function connect(conn: AriConnection): Promise<ari.Client> {
  const base = conn.url.replace(/\/+$/, "").replace(/\/ari$/, "");
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppError("unavailable:ari", `Asterisk's REST interface at ${base} did not answer in time.`),
        ),
      CONNECT_TIMEOUT_MS,
    );
  });
  try {
    const client = await Promise.race([
      ari.connect(base, conn.username, conn.password).catch((error: unknown) => {
        const text = error instanceof Error ? error.message : String(error);
        throw new AppError(
          /401|unauthori/i.test(text) ? "unavailable:ari_login" : "unavailable:ari",
          /401|unauthori/i.test(text)
            ? "Asterisk refused the ARI login: check the ARI user and password in Settings."
            : `Asterisk's REST interface at ${base} is not reachable (${text}).`,
        );
      }),
      timeout,
    ]);
    client.on("WebSocketMaxRetries", () => {
      log.warn({ base }, "ARI WebSocket gave up reconnecting");
      if (g.__switchboardAri?.key === JSON.stringify(conn)) g.__switchboardAri = undefined;
    });
    await client.start(SWITCHBOARD_ARI_APP);
    return client;
  } finally {
    clearTimeout(timer);
  }
}

function dispose(entry: Entry) {
  if (g.__switchboardAri === entry) g.__switchboardAri = undefined;
  entry.client.then((c) => c.stop()).catch(() => {});
}

/** Closes the app's ARI connection (tests, shutdown). */
export async function closeAppAri(): Promise<void> {
  const entry = g.__switchboardAri;
  if (!entry) return;
  g.__switchboardAri = undefined;
  await entry.client.then((c) => c.stop()).catch(() => {});
}

export type PlaybackHandle = {
  /** The snoop channel's id; it is hung up when the playback ends. */
  snoopId: string;
  playbackId: string;
  /** Settles when the playback has finished (or failed) and the snoop channel is gone. */
  finished: Promise<"finished" | "failed" | "timeout">;
};

/**
 * Plays `media` (e.g. `sound:/var/lib/…/clip`) into a live call so that both parties hear it.
 *
 * AMI has no way to do this, and ARI can play into a bridge only when ARI made the bridge; our
 * calls are bridged by the dialplan. So this snoops on the agent's channel with
 * `whisper=both` — the snoop channel's audio is mixed into what the agent hears and into what
 * the agent sends to the other party — and plays the media on the snoop channel. The snoop
 * channel is hung up when the playback ends, fails, or runs past MAX_PLAYBACK_MS.
 *
 * `channelId` is the channel's uniqueid (ARI's channel id). Resolves once playback has started.
 */
export async function playIntoCall({
  channelId,
  media,
  exec,
}: {
  channelId: string;
  media: string;
  exec?: Db | Tx;
}): Promise<PlaybackHandle> {
  const client = await getAppAri(exec);
  let snoop: ari.Channel;
  try {
    snoop = await client.channels.snoopChannel({
      channelId,
      app: SWITCHBOARD_ARI_APP,
      spy: "none",
      whisper: "both",
      snoopId: `sb-snoop-${randomUUID()}`,
    });
  } catch (error) {
    throw ariFailure(error, "That call has ended.");
  }
  const playback = client.Playback(`sb-play-${randomUUID()}`);
  let timer: NodeJS.Timeout | undefined;
  const finished = new Promise<"finished" | "failed" | "timeout">((resolve) => {
    playback.once("PlaybackFinished", () => resolve("finished"));
    playback.once("PlaybackFailed" as "PlaybackFinished", () => resolve("failed"));
    // The call ending takes the snoop channel with it.
    snoop.once("StasisEnd", () => resolve("finished"));
    timer = setTimeout(() => resolve("timeout"), MAX_PLAYBACK_MS);
  }).then(async (outcome) => {
    clearTimeout(timer);
    await client.channels.hangup({ channelId: snoop.id }).catch(() => {});
    return outcome;
  });
  try {
    await client.channels.play({ channelId: snoop.id, media, playbackId: playback.id });
  } catch (error) {
    clearTimeout(timer);
    await client.channels.hangup({ channelId: snoop.id }).catch(() => {});
    throw ariFailure(error, "Asterisk could not play that sound.");
  }
  return { snoopId: snoop.id, playbackId: playback.id, finished };
}

/** ARI's refusals as AppErrors: a missing channel is "the call has ended". */
function ariFailure(error: unknown, notFound: string): AppError {
  if (error instanceof AppError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (/not found|404/i.test(text)) return new AppError("not_found:channel", notFound);
  return new AppError("unavailable:ari", `Asterisk's REST interface refused: ${text.slice(0, 200)}`);
}
