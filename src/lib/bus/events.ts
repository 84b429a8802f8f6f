import { z } from "zod";

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
]);

export type BusEvent = z.infer<typeof busEvent>;
export type BusEventType = BusEvent["type"];

/** Channel names; one per concern, so subscribers only wake for what they read. */
export const CHANNELS = {
  sessions: "switchboard:sessions",
} as const;

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];
