import { describe, expect, it } from "vitest";
import { validateState } from "../publish/validate-state";
import { RenderGuardError } from "../template";
import { renderConfig } from "./render";
import { SAMPLE_STATE } from "./sample-state";
import type { ConfigState } from "./state";

const ivr = SAMPLE_STATE.ivrs[0]!;
const guardOf = (state: ConfigState) => {
  try {
    renderConfig(state);
  } catch (e) {
    return e;
  }
  return null;
};

describe("routing objects in the renderer", () => {
  it("the sample state validates cleanly", () => {
    expect(validateState(SAMPLE_STATE)).toEqual([]);
  });

  it("does not depend on the order of nodes or objects", () => {
    const shuffled: ConfigState = {
      ...SAMPLE_STATE,
      ivrs: [
        { ...ivr, graph: { nodes: [...ivr.graph.nodes].reverse(), edges: [...ivr.graph.edges].reverse() } },
      ],
      timeConditions: [...SAMPLE_STATE.timeConditions].reverse(),
      mohClasses: [...SAMPLE_STATE.mohClasses].reverse(),
    };
    expect(renderConfig(shuffled)).toEqual(renderConfig(SAMPLE_STATE));
  });

  it.each([
    ["a sounds dir with a semicolon", { soundsDir: "/var/sounds;evil" }],
    ["a relative sounds dir", { soundsDir: "sounds" }],
    ["a sounds dir climbing out", { soundsDir: "/var/lib/../../etc" }],
    ["a sounds dir with a newline", { soundsDir: "/var/sounds\n[evil]" }],
  ])("refuses %s", (_label, patch) => {
    const err = guardOf({ ...SAMPLE_STATE, ...patch });
    expect(err).toBeInstanceOf(RenderGuardError);
  });

  it("refuses a node id that is not an identifier, naming the IVR", () => {
    const bad = {
      ...ivr,
      graph: {
        ...ivr.graph,
        nodes: ivr.graph.nodes.map((n) => (n.id === "bye" ? { ...n, id: "bye,1" } : n)),
      },
    };
    const err = guardOf({ ...SAMPLE_STATE, ivrs: [bad] });
    expect(err).toBeInstanceOf(RenderGuardError);
    expect((err as RenderGuardError).source).toBe(`ivr:${ivr.id}`);
  });

  it("refuses a bad MOH class name, holiday or rule time, naming the object", () => {
    const cls = SAMPLE_STATE.mohClasses[0]!;
    expect(
      (guardOf({ ...SAMPLE_STATE, mohClasses: [{ ...cls, name: "calm]\n[x" }] }) as RenderGuardError).source,
    ).toBe(`mohclass:${cls.id}`);
    const tc = SAMPLE_STATE.timeConditions[0]!;
    const badTime = { ...tc, schedule: [{ days: [1], start: "09:00&*", end: "10:00" }] };
    expect((guardOf({ ...SAMPLE_STATE, timeConditions: [badTime] }) as RenderGuardError).source).toBe(
      `timecondition:${tc.id}`,
    );
    expect(
      validateState({
        ...SAMPLE_STATE,
        timeConditions: [{ ...tc, holidays: [{ name: "x", start: "2026-13-01", end: "2026-12-01" }] }],
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: `timecondition:${tc.id}`, field: "holidays" }),
      ]),
    );
  });

  it("reports dangling references and unknown MOH classes before an apply", () => {
    const q = SAMPLE_STATE.queues[0]!;
    const problems = validateState({
      ...SAMPLE_STATE,
      queues: [{ ...q, mohClass: "nosuch" }, ...SAMPLE_STATE.queues.slice(1)],
      timeConditions: SAMPLE_STATE.timeConditions.filter((t) => t.number !== "7001"),
    });
    expect(problems.map((p) => `${p.source} ${p.field}`)).toEqual(
      expect.arrayContaining([`queue:${q.id} mohClass`, `ivr:${ivr.id} graph`]),
    );
  });
});
