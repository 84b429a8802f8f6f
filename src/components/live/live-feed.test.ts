import { afterEach, describe, expect, it } from "vitest";
import { liveChannel, liveSnapshot } from "@/lib/asterisk/live/testing/live-fixtures";
import { emptyLiveState, type LiveDelta, type LiveSnapshot } from "@/lib/asterisk/live/types";
import { LiveFeed, type LiveFeedOptions } from "./live-feed";
import { applyChanges, applyDelta, parseSnapshot } from "./live-store";

/** Just enough of EventSource: the test plays the server by calling emit(). */
class FakeSource extends EventTarget {
  static opened: FakeSource[] = [];
  readyState = 0;
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeSource.opened.push(this);
  }
  emit(type: string, data?: unknown) {
    if (type === "open") this.readyState = 1;
    this.dispatchEvent(Object.assign(new Event(type), { data: JSON.stringify(data) }));
  }
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.dispatchEvent(new Event("error"));
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
}

/** Web Locks with one exclusive lock per name, granted in request order. */
function fakeLocks() {
  const queues = new Map<string, (() => void)[]>();
  const held = new Set<string>();
  return {
    request(name: string, { signal }: { signal: AbortSignal }, callback: () => Promise<void>) {
      return new Promise<void>((resolve, reject) => {
        const grant = () => {
          held.add(name);
          callback().then(() => {
            held.delete(name);
            resolve();
            queues.get(name)?.shift()?.();
          });
        };
        signal.addEventListener("abort", () => {
          const q = queues.get(name) ?? [];
          const i = q.indexOf(grant);
          if (i >= 0) q.splice(i, 1);
          reject(new DOMException("aborted", "AbortError"));
        });
        if (held.has(name)) queues.set(name, [...(queues.get(name) ?? []), grant]);
        else grant();
      });
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 20));
const started: (() => void)[] = [];
afterEach(() => {
  for (const stop of started.splice(0)) stop();
  FakeSource.opened = [];
});

function tab(options: Partial<LiveFeedOptions>) {
  const feed = new LiveFeed({
    url: "/api/live",
    name: `test-${expect.getState().currentTestName}`,
    createEventSource: (url) => new FakeSource(url) as unknown as EventSource,
    ...options,
  });
  const stop = feed.subscribe(() => {});
  started.push(stop);
  return { feed, stop };
}

function snapshotWith(version: number): LiveSnapshot {
  const state = emptyLiveState();
  state.channels["1.1"] = liveChannel("1.1", "1001");
  return liveSnapshot(state, version);
}

const hangup = (version: number): LiveDelta => ({
  version,
  at: 2_000,
  changes: [{ op: "remove", collection: "channels", key: "1.1" }],
});

describe("live-store", () => {
  it("copies only what changed and leaves the old state alone", () => {
    const before = snapshotWith(1).state;
    const after = applyChanges(before, [
      { op: "upsert", collection: "channels", key: "2.1", value: liveChannel("2.1", "1002") },
      { op: "remove", collection: "channels", key: "1.1" },
      { op: "upsert", collection: "channels", key: "__proto__", value: { polluted: true } },
    ]);
    expect(Object.keys(after.channels)).toEqual(["2.1"]);
    expect(Object.keys(before.channels)).toEqual(["1.1"]);
    expect(after.queues).toBe(before.queues);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("applies the next version, ignores old ones and reports a gap", () => {
    const s = snapshotWith(5);
    expect(applyDelta(s, hangup(5))).toEqual({ kind: "stale" });
    expect(applyDelta(s, hangup(7))).toEqual({ kind: "gap" });
    const applied = applyDelta(s, {
      ...hangup(6),
      connection: { state: "down", lastEventAt: 1, error: "gone" },
    });
    expect(applied.kind === "applied" && applied.snapshot).toMatchObject({
      version: 6,
      connection: { state: "down", error: "gone" },
      state: { channels: {} },
    });
  });

  it("fills collections a snapshot left out", () => {
    expect(
      parseSnapshot(JSON.stringify({ version: 1, at: 1, state: { channels: {} } }))?.state.parked,
    ).toEqual({});
    expect(parseSnapshot("not json")).toBeNull();
  });
});

describe("LiveFeed", () => {
  it("opens one EventSource for two tabs and rebroadcasts to the follower", async () => {
    const locks = fakeLocks();
    const a = tab({ locks });
    await tick();
    const b = tab({ locks });
    await tick();
    expect(FakeSource.opened).toHaveLength(1);
    expect(a.feed.getView().role).toBe("leader");
    expect(b.feed.getView().role).toBe("follower");

    const source = FakeSource.opened[0]!;
    source.emit("open");
    source.emit("snapshot", snapshotWith(1));
    await tick();
    expect(b.feed.getView().snapshot?.version).toBe(1);
    source.emit("delta", hangup(2));
    await tick();
    expect(a.feed.getView().snapshot?.state.channels).toEqual({});
    expect(b.feed.getView().snapshot).toMatchObject({ version: 2, state: { channels: {} } });
    expect(b.feed.getView().stream).toBe("open");
  });

  it("gives a tab that starts later the leader's current snapshot", async () => {
    const locks = fakeLocks();
    tab({ locks });
    await tick();
    FakeSource.opened[0]!.emit("snapshot", snapshotWith(3));
    const late = tab({ locks });
    await tick();
    expect(late.feed.getView().snapshot?.version).toBe(3);
  });

  it("hands the EventSource to a follower when the leader's tab closes", async () => {
    const locks = fakeLocks();
    const a = tab({ locks });
    await tick();
    const b = tab({ locks });
    await tick();
    a.stop();
    await tick();
    expect(FakeSource.opened[0]!.closed).toBe(true);
    expect(FakeSource.opened).toHaveLength(2);
    expect(b.feed.getView().role).toBe("leader");
  });

  it("drops the state and reconnects for a fresh snapshot on a version gap", async () => {
    const { feed } = tab({ locks: null, createChannel: () => null });
    const first = FakeSource.opened[0]!;
    first.emit("snapshot", snapshotWith(1));
    first.emit("delta", hangup(3));
    expect(feed.getView()).toMatchObject({ snapshot: null, stream: "reconnecting", role: "solo" });
    expect(first.closed).toBe(true);
    expect(FakeSource.opened).toHaveLength(2);
  });

  it("retries with backoff when the server refuses the stream", async () => {
    const { feed } = tab({ locks: null, createChannel: () => null, random: () => 0 });
    FakeSource.opened[0]!.fail(2);
    expect(feed.getView().stream).toBe("reconnecting");
    expect(FakeSource.opened).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 600));
    expect(FakeSource.opened).toHaveLength(2);
  });
});
