import { afterEach, describe, expect, it } from "vitest";
import { MemoryBus } from "@/lib/bus/memory";
import { FULL_SCOPE } from "../scope-filter";
import { liveChannel } from "../testing/live-fixtures";
import { emptyLiveState, type LiveSnapshot, type LiveState } from "../types";
import { LiveMirror } from "./live-mirror";
import { LivePublisher } from "./live-publisher";
import { liveEventStream } from "./live-sse";

const decoder = new TextDecoder();
let stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

async function setup() {
  const bus = new MemoryBus();
  const state: LiveState = emptyLiveState();
  const publisher = new LivePublisher(
    { bus, getState: () => state, coalesceMs: 5 },
    { state: "live", lastEventAt: null, error: null },
  );
  await publisher.flushWithSnapshot();
  const mirror = new LiveMirror({ bus });
  await mirror.start();
  stops.push(
    () => publisher.stop(),
    () => mirror.stop(),
  );
  return { state, publisher, mirror };
}

/** Opens a full-scope stream and returns its first frames after `retry:` as text. */
async function connect(mirror: LiveMirror, frames: number) {
  const abort = new AbortController();
  stops.push(() => abort.abort());
  const reader = liveEventStream({ mirror, scope: FULL_SCOPE, signal: abort.signal }).getReader();
  const out: string[] = [];
  while (out.length < frames + 1) {
    const { value } = await reader.read();
    if (value) out.push(decoder.decode(value));
  }
  return out.slice(1);
}

function dataOf<T>(frame: string): T {
  return JSON.parse(frame.slice(frame.indexOf("data: ") + "data: ".length)) as T;
}

describe("liveEventStream, full scope", () => {
  it("starts every client from the mirror's current version, never from an older frame", async () => {
    const { state, publisher, mirror } = await setup();
    const [first] = await connect(mirror, 1);
    const [same] = await connect(mirror, 1);
    expect(same).toBe(first);

    state.channels.a = liveChannel("1.1", "1001");
    publisher.push([{ op: "upsert", collection: "channels", key: "1.1", value: state.channels.a }]);
    await publisher.flushNow();
    const [later] = await connect(mirror, 1);
    expect(later).toMatch(new RegExp(`^event: snapshot\nid: ${mirror.snapshot().version}\n`));
    expect(Object.keys(dataOf<LiveSnapshot>(later ?? "").state.channels)).toEqual(["1.1"]);
    expect(Object.keys(dataOf<LiveSnapshot>(first ?? "").state.channels)).toEqual([]);
  });

  it("follows the snapshot with each delta, id = version", async () => {
    const { state, publisher, mirror } = await setup();
    const frames = connect(mirror, 2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    state.channels.a = liveChannel("1.1", "1001");
    publisher.push([{ op: "upsert", collection: "channels", key: "1.1", value: state.channels.a }]);
    await publisher.flushNow();
    const [snapshot, delta] = await frames;
    expect(snapshot).toMatch(/^event: snapshot\n/);
    expect(delta).toMatch(new RegExp(`^event: delta\nid: ${mirror.snapshot().version}\ndata: `));
  });
});
