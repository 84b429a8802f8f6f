import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canListen } from "./access";
import { extensionOfChannel, parseRecordingName } from "./file-name";
import { computePeaks } from "./media";
import { parseRange } from "./range";
import { retentionDays } from "./retention";
import { resolveUnderRoot } from "./safe-path";
import { isBrowserPlayable, parseWavHeader } from "./wav-info";

describe("parseRecordingName", () => {
  it.each([
    ["1732262400.12-1001.wav", { linkedid: "1732262400.12", agentExtension: "1001", source: "policy" }],
    ["1732262400.12-q5000.wav", { linkedid: "1732262400.12", queue: "5000", source: "policy" }],
    ["1732262400.12-1732262400.13.wav", { uniqueid: "1732262400.13", source: "on_demand" }],
    ["pbx1-1732262400.12-pbx1-1732262400.13.WAV", { linkedid: "pbx1-1732262400.12", format: "wav" }],
  ])("%s", (name, expected) => {
    expect(parseRecordingName(name)).toMatchObject(expected);
  });

  it.each([
    "notes.txt",
    "../1732262400.12-1001.wav",
    "1732262400.12-1001.wav.bak",
    "x-1001.wav",
    "1.2-a b.wav",
  ])("ignores %s", (name) => expect(parseRecordingName(name)).toBeNull());

  it("reads extensions from PJSIP channel names only", () => {
    expect(extensionOfChannel("PJSIP/1002-0000001a")).toBe("1002");
    expect(extensionOfChannel("PJSIP/trunk-0000001a")).toBeNull();
    expect(extensionOfChannel("Local/600@sb-internal-00000001;1")).toBeNull();
  });
});

describe("parseRange", () => {
  it.each([
    [null, { kind: "full" }],
    ["bytes=0-99", { kind: "partial", start: 0, end: 99 }],
    ["bytes=900-", { kind: "partial", start: 900, end: 999 }],
    ["bytes=-100", { kind: "partial", start: 900, end: 999 }],
    ["bytes=-5000", { kind: "partial", start: 0, end: 999 }],
    ["bytes=500-99999", { kind: "partial", start: 500, end: 999 }],
    ["bytes=1000-", { kind: "unsatisfiable" }],
    ["bytes=10-5", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    ["bytes=-", { kind: "unsatisfiable" }],
    ["bytes=0-1,5-9", { kind: "full" }],
    ["items=0-1", { kind: "full" }],
  ])("%s", (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe("resolveUnderRoot", () => {
  const base = mkdtempSync(path.join(os.tmpdir(), "sb-safe-"));
  const root = path.join(base, "monitor");
  mkdirSync(root);
  writeFileSync(path.join(root, "ok.wav"), "x");
  writeFileSync(path.join(base, "outside.wav"), "secret");
  symlinkSync(path.join(base, "outside.wav"), path.join(root, "link.wav"));
  symlinkSync(base, path.join(root, "dir"));

  it("resolves a plain file under the root", async () => {
    expect(await resolveUnderRoot(root, "ok.wav")).toBe(path.join(root, "ok.wav"));
  });

  it.each([
    "../outside.wav",
    "/etc/passwd",
    "link.wav",
    "dir/outside.wav",
    "",
    "ok.wav\0",
    "missing.wav",
    "a//b",
  ])("refuses %j", async (rel) => {
    expect(await resolveUnderRoot(root, rel)).toBeNull();
  });

  it("works when the root itself is a symlink", async () => {
    const alias = path.join(base, "alias");
    symlinkSync(root, alias);
    expect(await resolveUnderRoot(alias, "ok.wav")).toBe(path.join(root, "ok.wav"));
  });
});

describe("canListen", () => {
  const perms = (p: string[]) => new Set(p) as never;
  const legs = [{ src: "0612", dst: "5000", channel: "PJSIP/trunk-1", dstchannel: "PJSIP/1003-2" }];
  it("lets recordings.listen hear anything, and agents only their calls", () => {
    expect(
      canListen({ permissions: perms(["recordings.listen"]), extension: null }, { agentExtension: "1" }, []),
    ).toBe(true);
    expect(canListen({ permissions: perms([]), extension: "1001" }, { agentExtension: "1001" }, [])).toBe(
      true,
    );
    expect(canListen({ permissions: perms([]), extension: "1003" }, { agentExtension: null }, legs)).toBe(
      true,
    );
    expect(canListen({ permissions: perms([]), extension: "5000" }, { agentExtension: null }, legs)).toBe(
      true,
    );
    expect(canListen({ permissions: perms([]), extension: "1002" }, { agentExtension: "1001" }, legs)).toBe(
      false,
    );
    expect(canListen({ permissions: perms([]), extension: null }, { agentExtension: null }, legs)).toBe(
      false,
    );
  });
});

describe("WAV headers and peaks", () => {
  const header = (tag: number, bits: number) => {
    const b = Buffer.alloc(44 + 800);
    b.write("RIFF", 0, "ascii");
    b.write("WAVE", 8, "ascii");
    b.write("fmt ", 12, "ascii");
    b.writeUInt32LE(16, 16);
    b.writeUInt16LE(tag, 20);
    b.writeUInt16LE(1, 22);
    b.writeUInt32LE(8000, 24);
    b.writeUInt32LE((8000 * bits) / 8, 28);
    b.writeUInt16LE(bits / 8, 32);
    b.writeUInt16LE(bits, 34);
    b.write("data", 36, "ascii");
    b.writeUInt32LE(0, 40); // as MixMonitor leaves it while still recording
    return b;
  };
  it("reads format and duration, falling back to the file size for an open file", () => {
    const info = parseWavHeader(header(1, 16), 44 + 16_000);
    expect(info).toMatchObject({ formatTag: 1, bitsPerSample: 16, durationMs: 1000 });
    expect(isBrowserPlayable(info)).toBe(true);
    expect(isBrowserPlayable(parseWavHeader(header(7, 8), 844))).toBe(false);
    expect(parseWavHeader(Buffer.from("not a wav file at all"), 21)).toBeNull();
  });

  it("computes N peaks scaled to 0–1", () => {
    const pcm = Buffer.alloc(8);
    pcm.writeInt16LE(16384, 0);
    pcm.writeInt16LE(-32768, 2);
    pcm.writeInt16LE(0, 4);
    pcm.writeInt16LE(-8192, 6);
    expect(computePeaks(pcm, 2)).toEqual([1, 0.25]);
    expect(computePeaks(pcm, 10)).toHaveLength(4);
    expect(computePeaks(Buffer.alloc(0), 10)).toEqual([]);
  });

  it("treats empty, zero or junk retention as off", () => {
    expect([undefined, "", "0", "abc", "-3", " 30 "].map(retentionDays)).toEqual([
      null,
      null,
      null,
      null,
      null,
      30,
    ]);
  });
});
