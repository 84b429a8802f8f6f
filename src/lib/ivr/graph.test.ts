import { describe, expect, it } from "vitest";
import { SAMPLE_STATE } from "@/lib/asterisk/compiler/sample-state";
import { checkGraph, emptyGraph, graphRefs, type IvrGraph, ivrGraphSchema } from "./graph";

const sample = SAMPLE_STATE.ivrs[0]!.graph;
const ctx = {
  soundIds: new Set(SAMPLE_STATE.sounds.map((s) => s.id)),
  timeConditionNumbers: new Set(["7000", "7001"]),
  voicemailNumbers: new Set(["1001"]),
};
const clone = (g: IvrGraph): IvrGraph => structuredClone(g);
const messages = (g: IvrGraph) => checkGraph(g, ctx).map((p) => p.message);

describe("checkGraph", () => {
  it("accepts the sample IVR and a new empty one", () => {
    expect(checkGraph(sample, ctx)).toEqual([]);
    expect(checkGraph(emptyGraph())).toEqual([]);
  });

  it("pins a dangling connection to the edge", () => {
    const g = clone(sample);
    g.edges.push({ id: "ghost", source: "menu", sourceHandle: "key-1", target: "nowhere" });
    expect(checkGraph(g, ctx)).toContainEqual({
      edgeId: "ghost",
      message: "This connection is not attached at both ends.",
    });
  });

  it("wants every enabled key, the timeout and the invalid branch connected", () => {
    const g = clone(sample);
    g.edges = g.edges.filter((e) => e.sourceHandle !== "key-2" && e.sourceHandle !== "timeout");
    const p = checkGraph(g, ctx);
    expect(p).toContainEqual({ nodeId: "menu", message: "Menu: “Key 2” goes nowhere." });
    expect(p).toContainEqual({ nodeId: "menu", message: "Menu: “Timeout” goes nowhere." });
    // hours, and what only it or the timeout led to, are now unreachable
    expect(
      p
        .filter((x) => x.message.endsWith("can never be reached."))
        .map((x) => x.nodeId)
        .sort(),
    ).toEqual(["bye", "hours", "support"]);
  });

  it("refuses a key that the menu does not offer, and one output going two ways", () => {
    const g = clone(sample);
    g.edges.push({ id: "k5", source: "menu", sourceHandle: "key-5", target: "bye" });
    g.edges.push({ id: "dup", source: "menu", sourceHandle: "key-1", target: "bye" });
    const p = checkGraph(g, ctx);
    expect(p).toContainEqual({ edgeId: "k5", nodeId: "menu", message: "Menu has no “Key 5” output." });
    expect(p).toContainEqual({ edgeId: "dup", nodeId: "menu", message: "“Key 1” goes to two places." });
  });

  it("wants exactly one start", () => {
    const none = clone(sample);
    none.nodes = none.nodes.filter((n) => n.type !== "start");
    none.edges = none.edges.filter((e) => e.source !== "start");
    expect(messages(none)).toContain("Add a Start step: calls need one way in.");
    const two = clone(sample);
    two.nodes.push({ id: "start2", type: "start", position: { x: 0, y: 0 }, data: {} });
    two.edges.push({ id: "s2", source: "start2", sourceHandle: "next", target: "bye" });
    expect(checkGraph(two, ctx)).toContainEqual({
      nodeId: "start2",
      message: "Only one Start step is allowed.",
    });
  });

  it("finds unreachable steps and loops that never wait for a key", () => {
    const g = clone(sample);
    g.nodes.push({ id: "orphan", type: "hangup", position: { x: 0, y: 0 }, data: {} });
    g.nodes.push({
      id: "p1",
      type: "play",
      position: { x: 0, y: 0 },
      data: { soundId: SAMPLE_STATE.sounds[0]!.id },
    });
    g.nodes.push({
      id: "p2",
      type: "play",
      position: { x: 0, y: 0 },
      data: { soundId: SAMPLE_STATE.sounds[0]!.id },
    });
    g.edges.push({ id: "l1", source: "p1", sourceHandle: "next", target: "p2" });
    g.edges.push({ id: "l2", source: "p2", sourceHandle: "next", target: "p1" });
    g.edges = g.edges.map((e) => (e.id === "e8" ? { ...e, target: "p1" } : e));
    const p = checkGraph(g, ctx);
    expect(p).toContainEqual({ nodeId: "orphan", message: "Hang up can never be reached." });
    expect(p.some((x) => x.message.startsWith("This loop never waits"))).toBe(true);
  });

  it("lets a menu loop back to itself (replay on invalid)", () => {
    expect(sample.edges.find((e) => e.sourceHandle === "invalid")?.target).toBe("menu");
    expect(checkGraph(sample, ctx)).toEqual([]);
  });

  it("checks sounds, time conditions and mailboxes against the world", () => {
    const g = clone(sample);
    g.nodes = g.nodes.map((n) =>
      n.type === "play"
        ? { ...n, data: { soundId: "00000000-0000-4000-8000-00000000dead" } }
        : n.type === "timecondition"
          ? { ...n, data: { number: "7999" } }
          : n.type === "voicemail"
            ? { ...n, data: { mailbox: "1002" } }
            : n,
    );
    expect(messages(g)).toEqual(
      expect.arrayContaining([
        "Play: that sound no longer exists.",
        "There is no time condition 7999.",
        "Extension 1002 has no voicemail box.",
      ]),
    );
  });

  it("lists what a graph refers to", () => {
    expect(graphRefs(sample)).toEqual(
      expect.arrayContaining([
        { kind: "sound", target: SAMPLE_STATE.sounds[0]!.id },
        { kind: "queue", target: "5000" },
        { kind: "timecondition", target: "7001" },
        { kind: "voicemail", target: "1001" },
      ]),
    );
  });
});

describe("ivrGraphSchema", () => {
  it.each([
    ["node id with a newline", { id: "a\nb" }],
    ["node id with a comma", { id: "a,b" }],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload itself
    ["node id with an expression", { id: "${SHELL(id)}" }],
  ])("refuses a %s", (_label, patch) => {
    const g = structuredClone(sample) as unknown as { nodes: Record<string, unknown>[] };
    g.nodes[0] = { ...g.nodes[0], ...patch };
    expect(ivrGraphSchema.safeParse(g).success).toBe(false);
  });

  it("refuses unknown outputs and bad menu settings", () => {
    const g = structuredClone(sample) as unknown as {
      edges: Record<string, unknown>[];
      nodes: Record<string, unknown>[];
    };
    expect(
      ivrGraphSchema.safeParse({
        ...g,
        edges: [{ id: "x", source: "a", sourceHandle: "key-*", target: "b" }],
      }).success,
    ).toBe(false);
    const menu = g.nodes.find((n) => n.type === "menu")!;
    expect(
      ivrGraphSchema.safeParse({ ...g, nodes: [{ ...menu, data: { ...(menu.data as object), timeout: 0 } }] })
        .success,
    ).toBe(false);
  });
});
