import { afterEach, describe, expect, it } from "vitest";
import { MemoryBus } from "@/lib/bus/memory";
import type { AmiEvent } from "../../ami/message";
import { newTestStore, replay } from "../state/testing/replay";
import {
  emptyLiveState,
  type LiveChannel,
  type LiveDelta,
  type LiveSnapshot,
  type LiveState,
} from "../types";
import { applyChanges, cloneState, diffStates } from "./apply-changes";
import { LiveMirror } from "./live-mirror";
import { LivePublisher } from "./live-publisher";

const connection = { state: "live" as const, lastEventAt: null, error: null };

function channel(uniqueid: string, state = "Ringing"): LiveChannel {
  return {
    uniqueid,
    name: `PJSIP/1001-${uniqueid}`,
    linkedid: uniqueid,
    endpoint: "1001",
    state,
    callerIdNum: "1001",
    callerIdName: "<script>alert(1)</script>",
    connectedLineNum: "",
    connectedLineName: "",
    context: "sb-internal",
    exten: "1002",
    bridgeId: null,
    onHold: false,
    application: "",
    recording: false,
    spying: null,
    createdAt: 1,
    answeredAt: null,
  };
}

function setup(coalesceMs = 20) {
  const bus = new MemoryBus();
  const state: LiveState = emptyLiveState();
  const deltas: LiveDelta[] = [];
  bus.subscribe("switchboard:live", (e) => deltas.push(e.delta));
  const publisher = new LivePublisher({ bus, getState: () => state, coalesceMs }, connection);
  return { bus, state, deltas, publisher };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

describe("LivePublisher", () => {
  it("coalesces changes to one entity inside the window into one delta with the latest value", async () => {
    const { deltas, publisher, state } = setup();
    stops.push(() => publisher.stop());
    for (const s of ["Ringing", "Up", "Up"]) {
      state.channels.a = channel("a", s);
      publisher.push([{ op: "upsert", collection: "channels", key: "a", value: state.channels.a }]);
    }
    publisher.push([
      { op: "upsert", collection: "extensions", key: "1001@sb-internal", value: { state: "inuse" } },
    ]);
    await sleep(60);
    expect(deltas).toHaveLength(1);
    expect(deltas[0]?.changes).toHaveLength(2);
    expect(deltas[0]?.changes[0]).toMatchObject({ key: "a", value: { state: "Up" } });
  });

  it("numbers deltas consecutively and freezes values at publish time", async () => {
    const { deltas, publisher, state } = setup(5);
    stops.push(() => publisher.stop());
    state.channels.a = channel("a");
    publisher.push([{ op: "upsert", collection: "channels", key: "a", value: state.channels.a }]);
    await publisher.flushNow();
    state.channels.a.state = "Up"; // the store mutates in place after publishing
    publisher.push([{ op: "remove", collection: "channels", key: "a" }]);
    await publisher.flushNow();
    expect(deltas.map((d) => d.version - (deltas[0]?.version ?? 0))).toEqual([0, 1]);
    expect(deltas[0]?.changes[0]).toMatchObject({ value: { state: "Ringing" } });
  });

  it("sends the connection state only when it changes", async () => {
    const { deltas, publisher } = setup(5);
    stops.push(() => publisher.stop());
    publisher.setConnection(connection);
    publisher.setConnection({ state: "connecting", lastEventAt: null, error: "socket closed" });
    await publisher.flushNow();
    expect(deltas).toHaveLength(1);
    expect(deltas[0]?.connection).toMatchObject({ state: "connecting", error: "socket closed" });
  });
});

describe("LiveMirror", () => {
  it("starts from the stored snapshot and follows deltas; since() serves resumes", async () => {
    const { bus, publisher, state } = setup(5);
    stops.push(() => publisher.stop());
    state.channels.a = channel("a");
    await publisher.flushWithSnapshot();
    const mirror = new LiveMirror({ bus });
    stops.push(() => mirror.stop());
    await mirror.start();
    expect(Object.keys(mirror.snapshot().state.channels)).toEqual(["a"]);
    const start = mirror.snapshot().version;

    state.channels.b = channel("b");
    publisher.push([{ op: "upsert", collection: "channels", key: "b", value: state.channels.b }]);
    await publisher.flushNow();
    delete state.channels.a;
    publisher.push([{ op: "remove", collection: "channels", key: "a" }]);
    await publisher.flushNow();

    expect(Object.keys(mirror.snapshot().state.channels)).toEqual(["b"]);
    expect(mirror.since(start)?.map((d) => d.version)).toEqual([start + 1, start + 2]);
    expect(mirror.since(start + 2)).toEqual([]);
    expect(mirror.since(start - 50)).toBeNull();
  });

  it("reloads the snapshot and emits reset when a delta is missing", async () => {
    const { bus, publisher, state } = setup(5);
    stops.push(() => publisher.stop());
    await publisher.flushWithSnapshot();
    const mirror = new LiveMirror({ bus });
    stops.push(() => mirror.stop());
    await mirror.start();
    const resets: number[] = [];
    mirror.on("reset", (s) => resets.push(s.version));

    // A delta lost on the way: publish straight to the bus with a version that skips one.
    const v = mirror.snapshot().version;
    state.channels.z = channel("z");
    await bus.setSnapshot("switchboard:live:snapshot", {
      version: v + 2,
      data: { version: v + 2, at: 0, connection, state: cloneState(state) },
    });
    await bus.publish("switchboard:live", {
      type: "live.delta",
      delta: { version: v + 2, at: 0, changes: [] },
    });
    await sleep(20);
    expect(resets).toEqual([v + 2]);
    expect(Object.keys(mirror.snapshot().state.channels)).toEqual(["z"]);
  });
});

describe("diffStates / applyChanges", () => {
  it("turn one state into another entity by entity", () => {
    const before = emptyLiveState();
    before.channels.a = channel("a");
    before.channels.b = channel("b");
    const after = cloneState(before);
    delete after.channels.a;
    after.channels.b = channel("b", "Up");
    after.channels.c = channel("c");
    const changes = diffStates(before, after);
    expect(changes.map((c) => `${c.op}:${c.key}`).sort()).toEqual(["remove:a", "upsert:b", "upsert:c"]);
    const replay = cloneState(before);
    applyChanges(replay, changes);
    expect(replay).toEqual(after);
  });
});

describe("LivePublisher snapshots", () => {
  it("stores a trailing snapshot after the last delta of a burst, so the stored state catches up", async () => {
    const bus = new MemoryBus();
    const state = emptyLiveState();
    const publisher = new LivePublisher(
      { bus, getState: () => state, coalesceMs: 5, snapshotEveryMs: 100 },
      connection,
    );
    stops.push(() => publisher.stop());
    await publisher.flushWithSnapshot();
    state.channels.a = channel("a");
    publisher.push([{ op: "upsert", collection: "channels", key: "a", value: state.channels.a }]);
    await publisher.flushNow();
    const early = await bus.getSnapshot<{ state: LiveState }>("switchboard:live:snapshot");
    expect(Object.keys(early?.data.state.channels ?? {})).toEqual([]);
    await sleep(150);
    const late = await bus.getSnapshot<{ state: LiveState }>("switchboard:live:snapshot");
    expect(Object.keys(late?.data.state.channels ?? {})).toEqual(["a"]);
    expect(late?.version).toBe(publisher.currentVersion);
  });

  it.each(["19-burst-20-calls", "06-queue-call-answered", "13-chanspy-listen-whisper-barge"])(
    "stores exactly a JSON copy of the store's state, event after event (%s)",
    async (name) => {
      const bus = new MemoryBus();
      const store = newTestStore();
      const publisher = new LivePublisher(
        { bus, getState: () => store.state, coalesceMs: 1, snapshotEveryMs: 0 },
        connection,
      );
      stops.push(() => publisher.stop());
      const events: AmiEvent[] = [];
      replay(name, (step) => {
        if (step.kind === "event") events.push(step.event);
        else if (step.kind === "lists" && events.length === 0) store.rebuild(step.lists);
      });
      await publisher.flushWithSnapshot();
      let checked = 0;
      for (const [i, event] of events.entries()) {
        publisher.push(store.apply(event));
        if (i % 3 !== 0) continue; // some snapshots follow several events
        await publisher.flushNow();
        const stored = await bus.getSnapshot<LiveSnapshot>("switchboard:live:snapshot");
        expect(stored?.data.state).toEqual(JSON.parse(JSON.stringify(store.state)));
        checked += 1;
      }
      expect(checked).toBeGreaterThan(10);
    },
  );
});
