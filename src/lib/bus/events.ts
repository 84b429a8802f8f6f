import { z } from "zod";
import type { LiveDelta } from "@/lib/asterisk/live/types";
import { MAX_SAMPLES_PER_REPORT, qualitySample } from "@/lib/softphone/call-quality";

/**
 * Commands to the listener:
 * - `spy`: a ChanSpy leg the app originated with this Uniqueid (Originate ChannelId), and its
 *   mode; ChanSpyStart itself doesn't say listen, whisper or barge.
 * - `quality`: call-quality samples the extension's browser phone measured (the stats route has
 *   checked the user and that the extension is theirs).
 */
export const liveCommand = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("spy"),
    uniqueid: z.string().max(64),
    mode: z.enum(["listen", "whisper", "barge"]),
    target: z.string().max(160),
  }),
  z.object({
    kind: z.literal("quality"),
    extension: z.string().regex(/^[0-9A-Za-z_.+-]{1,32}$/),
    samples: z.array(qualitySample).min(1).max(MAX_SAMPLES_PER_REPORT),
  }),
]);
export type LiveCommand = z.infer<typeof liveCommand>;

/**
 * Everything that crosses the bus is one of these. The listener, the SSE routes and the
 * session checks all import this union, so a message that doesn't parse is dropped, not guessed at.
 */
export const busEvent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("session.revoked"),
    userId: z.string().uuid(),
    /** The session id that ended; absent means every session of the user. */
    sessionId: z.string().optional(),
    reason: z.enum(["replaced", "disabled", "logout", "password_reset", "role_changed"]),
    at: z.number(),
  }),
  /** The live state changed (listener → SSE routes). The payload is the listener's own output, so only its envelope is checked. */
  z.object({
    type: z.literal("live.delta"),
    delta: z.custom<LiveDelta>(
      (v) => typeof v === "object" && v !== null && typeof (v as LiveDelta).version === "number",
    ),
  }),
  /**
   * Something new for one user's agent widget (listener or app → that user's browsers): a
   * wrap-up to do, or their callbacks changed. Only a nudge; the browser fetches the details.
   */
  z.object({
    type: z.literal("agent.inbox"),
    userId: z.string().uuid(),
    topic: z.enum(["wrapup", "callbacks"]),
  }),
  /** Something the app knows and AMI doesn't (app → listener). */
  z.object({ type: z.literal("live.command"), command: liveCommand }),
]);

export type BusEvent = z.infer<typeof busEvent>;
export type BusEventType = BusEvent["type"];

/** Channel names; one per concern, so subscribers only wake for what they read. */
export const CHANNELS = {
  sessions: "switchboard:sessions",
  /** Live-state deltas; the snapshot is stored under LIVE_SNAPSHOT_KEY. */
  live: "switchboard:live",
  liveCommands: "switchboard:live:commands",
  agent: "switchboard:agent",
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

/** Which event each channel carries; publish and subscribe are typed by it. */
export type ChannelEventMap = {
  [CHANNELS.sessions]: Extract<BusEvent, { type: "session.revoked" }>;
  [CHANNELS.live]: Extract<BusEvent, { type: "live.delta" }>;
  [CHANNELS.liveCommands]: Extract<BusEvent, { type: "live.command" }>;
  [CHANNELS.agent]: Extract<BusEvent, { type: "agent.inbox" }>;
};
export type ChannelEvent<C extends Channel> = ChannelEventMap[C];

/** The bus snapshot key of the live state (a LiveSnapshot). */
export const LIVE_SNAPSHOT_KEY = "switchboard:live:snapshot";
