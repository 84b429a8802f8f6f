import { describe, expect, it } from "vitest";
import { createDidSchema, createRingTreeSchema, splitEntries } from "./inbound";

describe("inbound validations", () => {
  it("splits a pasted list on lines, spaces and commas, keeping anything else as typed", () => {
    expect(splitEntries("+15550100\n _0900X. ,0700;1\r\n\n")).toEqual(["+15550100", "_0900X.", "0700;1"]);
  });

  it("reads a DID written the usual way, and refuses a stray parenthesis", () => {
    const base = { description: "", trunkName: "", destination: { type: "hangup" }, rules: [], lists: [] };
    expect(createDidSchema.parse({ ...base, number: "+44 (20) 7123-4567" }).number).toBe("+442071234567");
    expect(createDidSchema.safeParse({ ...base, number: "+44 20) 7123" }).success).toBe(false);
    expect(createDidSchema.parse({ ...base, number: "0800", trunkName: " " }).trunkName).toBeNull();
  });

  it("checks a ring tree's shape: preorder, one root, three levels, endings last", () => {
    const node = (
      key: string,
      parentKey: string | null,
      kind = "extension",
      target: string | null = "201",
    ) => ({
      key,
      parentKey,
      kind,
      target,
      listId: null,
      timeout: 20,
    });
    const tree = (nodes: ReturnType<typeof node>[]) =>
      createRingTreeSchema.safeParse({ number: "7100", name: "T", lists: [], nodes });
    expect(tree([node("n1", null), node("n2", "n1"), node("n3", "n1"), node("n4", "n3")]).success).toBe(true);
    const paths = (r: ReturnType<typeof tree>) =>
      r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    // n3 names a parent that is not on the path above it (not preorder).
    expect(paths(tree([node("n1", null), node("n2", "n1"), node("n3", "n9")]))).toEqual([
      "nodes.2.parentKey",
    ]);
    expect(paths(tree([node("n1", null), node("n2", "n1"), node("n3", "n2"), node("n4", "n3")]))).toEqual([
      "nodes.3.parentKey",
    ]);
    expect(paths(tree([node("n1", null, "voicemail"), node("n2", "n1")]))).toEqual(["nodes.0.kind"]);
    expect(paths(tree([node("n1", null, "hangup", "201")]))).toEqual(["nodes.0.target"]);
    expect(paths(tree([node("n1", null, "filter", null)]))).toEqual(["nodes.0.listId"]);
    expect(paths(tree([]))).toEqual(["nodes"]);
  });
});
