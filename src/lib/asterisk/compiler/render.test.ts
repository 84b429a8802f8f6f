import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RenderGuardError } from "../template";
import { CONFIG_FILE_NAMES, renderConfig } from "./render";
import { SAMPLE_STATE } from "./sample-state";
import type { ConfigState } from "./state";

const GOLDEN = path.resolve(import.meta.dirname, "../../../../tests/golden");
const update = process.env.UPDATE_GOLDEN === "1";

describe("renderConfig golden files", () => {
  const files = renderConfig(SAMPLE_STATE);

  it("renders exactly the include files of CONFIG_FILES, in sorted order", () => {
    expect([...files.keys()]).toEqual(CONFIG_FILE_NAMES);
    expect(CONFIG_FILE_NAMES).toEqual([...CONFIG_FILE_NAMES].sort());
  });

  for (const name of CONFIG_FILE_NAMES) {
    it(`${name} matches tests/golden/${name}.golden`, () => {
      const golden = path.join(GOLDEN, `${name}.golden`);
      if (update) writeFileSync(golden, files.get(name)!);
      expect(files.get(name)).toBe(readFileSync(golden, "utf8"));
    });
  }

  it("is deterministic whatever order the objects arrive in", () => {
    const shuffled: ConfigState = {
      ...SAMPLE_STATE,
      extensions: [...SAMPLE_STATE.extensions].reverse(),
      groups: [...SAMPLE_STATE.groups].reverse(),
      queues: SAMPLE_STATE.queues
        .map((q) => ({ ...q, members: [...q.members].reverse(), vips: [...q.vips].reverse() }))
        .reverse(),
    };
    expect(renderConfig(shuffled)).toEqual(files);
  });
});

describe("the renderer's guard", () => {
  const ext = SAMPLE_STATE.extensions[0]!;
  const withExt = (patch: Partial<typeof ext>): ConfigState => ({
    ...SAMPLE_STATE,
    extensions: [{ ...ext, ...patch }, ...SAMPLE_STATE.extensions.slice(1)],
  });

  it.each([
    ["displayName", "Ada\n[evil]\ntype=endpoint"],
    ["displayName", 'Ada" <666>'],
    ["displayName", "Ada;comment"],
    ["secret", "short"],
    ["secret", "S3cretS3cretS3cret01\n#include /etc/passwd"],
    ["number", "1001&PJSIP/9"],
    ["codecs", ["ulaw", "alaw\nallow=all"]],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the injection payload itself
    ["voicemailPin", "12${SHELL(id)}"],
    ["recordingPolicy", "always)"],
  ] as const)("refuses %s = %j and names the object", (field, value) => {
    const patch = { [field]: value, voicemailEnabled: true } as Partial<typeof ext>;
    let error: unknown;
    try {
      renderConfig(withExt(patch));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RenderGuardError);
    expect((error as RenderGuardError).source).toBe(`extension:${ext.id}`);
    expect((error as Error).message).toContain("allowlist");
  });

  it("refuses a bad VIP number and a bad time-zone", () => {
    const q = SAMPLE_STATE.queues[0]!;
    expect(() =>
      renderConfig({ ...SAMPLE_STATE, queues: [{ ...q, vips: [{ number: "1,2", priority: 1 }] }] }),
    ).toThrow(RenderGuardError);
    expect(() => renderConfig({ ...SAMPLE_STATE, timezone: "UTC)" })).toThrow(RenderGuardError);
  });
});
