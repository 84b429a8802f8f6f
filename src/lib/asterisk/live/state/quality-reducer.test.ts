import { describe, expect, it } from "vitest";
import { QUALITY_FORGET_MS, type QualitySample } from "@/lib/softphone/call-quality";
import { amiEvent, newTestStore } from "./testing/replay";

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);
const sample = (over: Partial<QualitySample> = {}): QualitySample => ({
  callId: "call-1",
  at: T0,
  rttMs: 40,
  jitterMs: 4,
  packetsLost: 0,
  packetLossPct: 0,
  ...over,
});

function clockedStore() {
  const clock = { now: T0 + 500 };
  return { clock, store: newTestStore(() => clock.now) };
}

describe("LiveStateStore.reportQuality", () => {
  it("publishes the newest sample as the extension's entry, stamped with the listener's clock", () => {
    const { store } = clockedStore();
    const changes = store.reportQuality("1002", [
      sample({ at: T0 - 2000, rttMs: 90 }),
      sample({ at: T0, rttMs: 120, jitterMs: 12.5, packetsLost: 7, packetLossPct: 1.5 }),
      sample({ at: T0 - 1000, rttMs: 80 }),
    ]);
    const entry = {
      extension: "1002",
      callId: "call-1",
      sampledAt: T0,
      receivedAt: T0 + 500,
      rttMs: 120,
      jitterMs: 12.5,
      packetsLost: 7,
      packetLossPct: 1.5,
    };
    expect(changes).toEqual([{ op: "upsert", collection: "quality", key: "1002", value: entry }]);
    expect(store.state.quality["1002"]).toEqual(entry);
  });

  it("ignores a late, older sample of the same call but takes a new call's at once", () => {
    const { clock, store } = clockedStore();
    store.reportQuality("1002", [sample({ at: T0 + 4000, rttMs: 50 })]);
    clock.now += 2000;
    expect(store.reportQuality("1002", [sample({ at: T0 + 2000, rttMs: 999 })])).toEqual([]);
    expect(store.state.quality["1002"]?.rttMs).toBe(50);
    // A new call on a phone whose clock stepped back still replaces the old call's figures.
    const next = store.reportQuality("1002", [sample({ callId: "call-2", at: T0, rttMs: 70 })]);
    expect(next).toHaveLength(1);
    expect(store.state.quality["1002"]).toMatchObject({ callId: "call-2", rttMs: 70 });
  });

  it("keeps one entry per extension, and nothing for an empty report", () => {
    const { store } = clockedStore();
    expect(store.reportQuality("1002", [])).toEqual([]);
    store.reportQuality("1002", [sample()]);
    store.reportQuality("1003", [sample({ callId: "other" })]);
    expect(Object.keys(store.state.quality).sort()).toEqual(["1002", "1003"]);
  });

  it("forgets an extension's figures on the tick after QUALITY_FORGET_MS without a sample", () => {
    const { clock, store } = clockedStore();
    store.reportQuality("1002", [sample()]);
    clock.now += 60_000;
    store.reportQuality("1003", [sample({ at: T0 + 60_000 })]);
    clock.now += QUALITY_FORGET_MS - 60_001;
    expect(store.tick().filter((c) => c.collection === "quality")).toEqual([]);
    clock.now += 1;
    expect(store.tick().filter((c) => c.collection === "quality")).toEqual([
      { op: "remove", collection: "quality", key: "1002" },
    ]);
    expect(Object.keys(store.state.quality)).toEqual(["1003"]);
  });

  it("survives a rebuild and an Asterisk shutdown: the phone, not Asterisk, reports it", () => {
    const { store } = clockedStore();
    store.reportQuality("1002", [sample()]);
    store.rebuild({
      CoreShowChannels: [],
      BridgeList: [],
      ExtensionStateList: [],
      DeviceStateList: [],
      QueueStatus: [],
      ParkedCalls: [],
      ConfbridgeListRooms: [],
    });
    expect(store.state.quality["1002"]?.rttMs).toBe(40);
    store.apply(amiEvent("Shutdown", { Shutdown: "Cleanly", Restart: "True" }));
    expect(store.state.quality["1002"]?.rttMs).toBe(40);
  });
});
