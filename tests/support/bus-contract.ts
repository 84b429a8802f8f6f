import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { CHANNELS, type ChannelEvent } from "@/lib/bus/events";
import type { Bus } from "@/lib/bus/types";
import { listen } from "./listen";

/**
 * What every Bus implementation promises, run against memory.ts and redis.ts alike. `bus()`
 * returns the bus under test; `key()` a snapshot key no other run uses.
 */
export function busContract(bus: () => Bus, key: (name: string) => string) {
  const revoked = (userId = randomUUID()): ChannelEvent<typeof CHANNELS.sessions> => ({
    type: "session.revoked",
    userId,
    sessionId: "sid-1",
    reason: "disabled",
    at: 1_700_000_000_000,
  });

  it("delivers a published event to every subscriber of the channel", async () => {
    const a = await listen(bus(), CHANNELS.sessions);
    const b = await listen(bus(), CHANNELS.sessions);
    const event = revoked();
    await bus().publish(CHANNELS.sessions, event);
    expect(await a.waitFor((e) => e.userId === event.userId)).toEqual(event);
    expect(await b.waitFor((e) => e.userId === event.userId)).toEqual(event);
    a.close();
    b.close();
  });

  it("stops delivering after unsubscribe, without affecting other subscribers", async () => {
    const a = await listen(bus(), CHANNELS.sessions);
    const b = await listen(bus(), CHANNELS.sessions);
    a.close();
    const event = revoked();
    await bus().publish(CHANNELS.sessions, event);
    await b.waitFor((e) => e.userId === event.userId);
    await b.flush();
    expect(a.events.some((e) => e.userId === event.userId)).toBe(false);
    b.close();
  });

  it("refuses to publish an event that does not match the schema", async () => {
    const l = await listen(bus(), CHANNELS.sessions);
    const userId = randomUUID();
    const bad = [
      { type: "session.revoked", userId, reason: "because", at: 1 },
      { type: "session.revoked", userId: "not-a-uuid", reason: "logout", at: 1 },
      { type: "session.revoked", userId, reason: "logout" },
      { type: "no.such.event", userId, at: 1 },
    ];
    for (const event of bad) {
      await expect(
        bus().publish(CHANNELS.sessions, event as unknown as ChannelEvent<typeof CHANNELS.sessions>),
      ).rejects.toThrow();
    }
    await l.flush();
    expect(l.events.some((e) => e.userId === userId)).toBe(false);
    l.close();
  });

  it("strips unknown fields from published events", async () => {
    const l = await listen(bus(), CHANNELS.sessions);
    const event = revoked();
    await bus().publish(CHANNELS.sessions, { ...event, extra: "x" } as ChannelEvent<
      typeof CHANNELS.sessions
    >);
    const got = await l.waitFor((e) => e.userId === event.userId);
    expect(got).toEqual(event);
    l.close();
  });

  it("has no snapshot for a key never written", async () => {
    expect(await bus().getSnapshot(key("none"))).toBeNull();
  });

  it("stores a snapshot and replaces it with a newer or equal version, never an older one", async () => {
    const k = key("versions");
    expect(await bus().setSnapshot(k, { version: 5, data: { calls: 5 } })).toBe(true);
    expect(await bus().getSnapshot(k)).toEqual({ version: 5, data: { calls: 5 } });

    expect(await bus().setSnapshot(k, { version: 4, data: { calls: 4 } })).toBe(false);
    expect(await bus().getSnapshot(k)).toEqual({ version: 5, data: { calls: 5 } });

    expect(await bus().setSnapshot(k, { version: 5, data: { calls: 55 } })).toBe(true);
    expect(await bus().setSnapshot(k, { version: 12, data: { calls: 12 } })).toBe(true);
    expect(await bus().getSnapshot(k)).toEqual({ version: 12, data: { calls: 12 } });
    // Numeric, not string, comparison: "9" < "12".
    expect(await bus().setSnapshot(k, { version: 9, data: { calls: 9 } })).toBe(false);
  });

  it("keeps snapshots under different keys apart and round-trips nested data", async () => {
    const data = { agents: [{ id: "a1", state: "idle", since: null }], note: "Zoë ✓" };
    await bus().setSnapshot(key("a"), { version: 1, data });
    await bus().setSnapshot(key("b"), { version: 100, data: [] });
    expect(await bus().getSnapshot(key("a"))).toEqual({ version: 1, data });
    expect(await bus().getSnapshot(key("b"))).toEqual({ version: 100, data: [] });
  });

  it("answers ping", async () => {
    expect(await bus().ping()).toBe(true);
  });
}
