import { randomUUID } from "node:crypto";
import type { CHANNELS, ChannelEvent } from "@/lib/bus/events";
import type { Bus } from "@/lib/bus/types";

type SessionEvent = ChannelEvent<typeof CHANNELS.sessions>;

export type Listener = {
  /** Everything received on the channel since subscribing, probes excluded. */
  events: SessionEvent[];
  /** Resolves with the first event matching `match`, or rejects after `timeoutMs`. */
  waitFor: (match: (e: SessionEvent) => boolean, timeoutMs?: number) => Promise<SessionEvent>;
  /** Resolves once everything this bus published before the call has been delivered. */
  flush: () => Promise<void>;
  close: () => void;
};

/**
 * Subscribes and waits until the subscription is live. A Redis SUBSCRIBE completes
 * asynchronously on its own connection, so a message published right after subscribe() could
 * be missed; a probe published on the same bus proves the subscription is up. Other test files
 * may share the channel (same Redis server), so callers filter events by their own ids.
 */
/** Listens on the sessions channel, whose events carry the userId the probe relies on. */
export async function listen(bus: Bus, channel: typeof CHANNELS.sessions): Promise<Listener> {
  const events: SessionEvent[] = [];
  const probes = new Set<string>();
  const seen = new Set<string>();
  const close = bus.subscribe(channel, (e) => {
    if (probes.has(e.userId)) seen.add(e.userId);
    else events.push(e);
  });

  async function probe(timeoutMs = 5000) {
    const id = randomUUID();
    probes.add(id);
    const deadline = Date.now() + timeoutMs;
    let next = 0;
    while (!seen.has(id)) {
      if (Date.now() > deadline) throw new Error(`no message on ${channel} within ${timeoutMs} ms`);
      // Re-send now and then: a probe sent before SUBSCRIBE took effect is simply lost.
      if (Date.now() >= next) {
        await bus.publish(channel, { type: "session.revoked", userId: id, reason: "logout", at: Date.now() });
        next = Date.now() + 200;
      }
      await sleep(10);
    }
  }

  await probe();
  return {
    events,
    close,
    flush: () => probe(),
    waitFor: async (match, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = events.find(match);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching event on ${channel} within ${timeoutMs} ms`);
        await sleep(10);
      }
    },
  };
}

export function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
