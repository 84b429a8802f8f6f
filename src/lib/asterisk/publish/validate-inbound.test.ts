import { describe, expect, it } from "vitest";
import { renderConfig } from "../compiler/render";
import { SAMPLE_STATE } from "../compiler/sample-state";
import type { ConfigState } from "../compiler/state";
import { RenderGuardError } from "../template";
import { validateState } from "./validate-state";

const did = SAMPLE_STATE.dids[0]!;
const tree = SAMPLE_STATE.ringTrees[0]!;

describe("validateState for inbound routing", () => {
  it("finds nothing wrong with the sample", () => {
    expect(validateState(SAMPLE_STATE)).toEqual([]);
  });

  it("names the DID, list and ring tree behind each problem", () => {
    const broken: ConfigState = {
      ...SAMPLE_STATE,
      dids: [
        {
          ...did,
          trunkName: "carrier a",
          destination: { type: "ringtree", target: "7999" },
          rules: [{ pattern: "_07X.;x", destination: { type: "queue", target: "5999" } }],
          lists: ["00000000-0000-4000-8000-00000000dead"],
        },
      ],
      ringTrees: [
        {
          ...tree,
          number: "1001",
          nodes: [
            { key: "n1", parentKey: null, depth: 0, kind: "hangup", target: null, listId: null, timeout: 5 },
            {
              key: "n2",
              parentKey: "n1",
              depth: 3,
              kind: "extension",
              target: "1999",
              listId: null,
              timeout: 400,
            },
          ],
        },
      ],
    };
    const problems = validateState(broken).map((p) => `${p.source} ${p.field}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^did:\S+ trunkName: /),
        expect.stringMatching(/^did:\S+ destination: points at ringtree 7999/),
        expect.stringMatching(/^did:\S+ rules\.0\.pattern: /),
        expect.stringMatching(/^did:\S+ rules\.0\.destination: points at queue 5999/),
        expect.stringMatching(/^did:\S+ lists: list \S+ does not exist/),
        expect.stringMatching(/^ringtree:\S+ number: 1001 is also used by Extension 1001/),
        expect.stringMatching(/^ringtree:\S+ nodes\.0: node n1 ends the call/),
        expect.stringMatching(/^ringtree:\S+ nodes\.1: node n2 is deeper than 3 levels/),
        expect.stringMatching(/^ringtree:\S+ nodes\.1: node n2 timeout/),
        expect.stringMatching(/^ringtree:\S+ nodes\.1: points at extension 1999/),
      ]),
    );
  });

  it("the renderer refuses what the allowlists refuse, naming the object", () => {
    const bad = (patch: Partial<ConfigState>) => {
      try {
        renderConfig({ ...SAMPLE_STATE, ...patch });
      } catch (e) {
        return e;
      }
      return null;
    };
    const e1 = bad({ dids: [{ ...did, number: "+44\n[evil]" }] });
    expect(e1).toBeInstanceOf(RenderGuardError);
    expect((e1 as RenderGuardError).source).toBe(`did:${did.id}`);
    const e2 = bad({
      dids: [{ ...did, rules: [{ pattern: "_X.,1", destination: { type: "hangup", target: null } }] }],
    });
    expect(e2).toBeInstanceOf(RenderGuardError);
    const list = SAMPLE_STATE.callerLists[0]!;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the injection payload itself
    const e3 = bad({ callerLists: [{ ...list, entries: [{ value: "_0${SHELL(id)}", expiresAt: null }] }] });
    expect((e3 as RenderGuardError).source).toBe(`callerlist:${list.id}`);
    const e4 = bad({ ringTrees: [{ ...tree, nodes: [{ ...tree.nodes[0]!, key: "n1)" }] }] });
    expect((e4 as RenderGuardError).source).toBe(`ringtree:${tree.id}`);
  });
});
