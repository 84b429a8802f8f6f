import { describe, expect, it } from "vitest";
import { replay } from "../state/testing/replay";
import { cloneJson } from "./clone-json";

const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("cloneJson", () => {
  it.each(["06-queue-call-answered", "12-park-unpark", "15-conference"])(
    "copies a replayed live state (%s) exactly as a JSON round trip, sharing nothing",
    (name) => {
      const state = replay(name).state;
      const copy = cloneJson(state);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(state));
      expect(copy).toEqual(viaJson(state));
      const queue = Object.values(copy.queues)[0];
      if (queue) expect(queue.members).not.toBe(Object.values(state.queues)[0]?.members);
    },
  );

  it("drops and nulls what JSON drops and nulls, and keeps key order", () => {
    const odd = {
      b: 1,
      a: undefined,
      2: "two",
      1: "one",
      f: () => 1,
      s: Symbol("x"),
      n: [undefined, () => 1, Number.NaN, Number.POSITIVE_INFINITY, -0, null, "x"],
      z: -0,
      nested: { deep: [{ x: 1, y: undefined }] },
      date: new Date(0),
      withToJson: { toJSON: () => "custom" },
      boxed: new String("boxed"),
      map: new Map([[1, 2]]),
      bare: Object.assign(Object.create(null), { k: "v" }),
    };
    const copy = cloneJson(odd);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(odd));
    expect(copy).toEqual(viaJson(odd));
    expect(Object.is((copy as { z: number }).z, 0)).toBe(true);
  });

  it("makes __proto__ an own key, as JSON.parse does", () => {
    const source = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
    const copy = cloneJson(source) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "ok"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("throws on what JSON cannot write", () => {
    expect(() => cloneJson({ big: 1n })).toThrow(TypeError);
  });
});
