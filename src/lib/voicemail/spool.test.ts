import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  deleteMessage,
  forwardMessage,
  greetingPath,
  listGreetings,
  listMessages,
  messageAudio,
  moveMessage,
  SpoolError,
  voicemailRoot,
} from "./spool";

let spool: string;
let root: string;

async function seed(box: string, folder: string, index: number, caller: string, time: number) {
  const dir = path.join(root, box, folder);
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, `msg${String(index).padStart(4, "0")}`);
  await writeFile(`${base}.wav`, `audio-${caller}`);
  await writeFile(`${base}.gsm`, `gsm-${caller}`);
  await writeFile(
    `${base}.txt`,
    `;\n; Message Information file\n;\n[message]\ncallerid="${caller}" <${caller}>\norigtime=${time}\nduration=7\nmsg_id=${time}-${caller}\n`,
  );
}
const names = async (box: string, folder: string) =>
  (await readdir(path.join(root, box, folder))).filter((f) => !f.startsWith(".")).sort();
const callerOf = async (box: string, folder: string, index: number) =>
  (await readFile(path.join(root, box, folder, `msg${String(index).padStart(4, "0")}.wav`), "utf8")).slice(6);

beforeEach(async () => {
  spool = await mkdtemp(path.join(tmpdir(), "sb-vm-"));
  root = voicemailRoot(spool);
  await seed("7001", "INBOX", 0, "111", 1000);
  await seed("7001", "INBOX", 1, "222", 2000);
  await seed("7001", "INBOX", 2, "333", 3000);
  await seed("7001", "Old", 0, "444", 500);
});
afterEach(async () => {
  await rm(spool, { recursive: true, force: true });
});

describe("visual voicemail spool", () => {
  it("lists both folders, newest first, with metadata", async () => {
    const list = await listMessages(root, "7001");
    expect(list.map((m) => [m.folder, m.index, m.time])).toEqual([
      ["INBOX", 2, 3000],
      ["INBOX", 1, 2000],
      ["INBOX", 0, 1000],
      ["Old", 0, 500],
    ]);
    expect(list[0]).toMatchObject({ callerId: '"333" <333>', duration: 7, formats: ["gsm", "wav"] });
    expect(await listMessages(root, "7999")).toEqual([]);
  });

  it("marks read by moving to the end of Old and renumbers INBOX without a gap", async () => {
    expect(await moveMessage(root, "7001", "INBOX", 1, "Old")).toBe(1);
    expect(await names("7001", "INBOX")).toEqual([
      "msg0000.gsm",
      "msg0000.txt",
      "msg0000.wav",
      "msg0001.gsm",
      "msg0001.txt",
      "msg0001.wav",
    ]);
    expect(await callerOf("7001", "INBOX", 1)).toBe("333");
    expect(await callerOf("7001", "Old", 1)).toBe("222");
    // and back to unread
    expect(await moveMessage(root, "7001", "Old", 0, "INBOX")).toBe(2);
    expect(await callerOf("7001", "INBOX", 2)).toBe("444");
    expect(await callerOf("7001", "Old", 0)).toBe("222");
    expect(await readdir(path.join(root, "7001", "INBOX"))).not.toContain(".lock");
  });

  it("deletes and closes the gap", async () => {
    await deleteMessage(root, "7001", "INBOX", 0);
    expect(
      (await listMessages(root, "7001")).filter((m) => m.folder === "INBOX").map((m) => m.index),
    ).toEqual([1, 0]);
    expect(await callerOf("7001", "INBOX", 0)).toBe("222");
    await expect(deleteMessage(root, "7001", "INBOX", 5)).rejects.toMatchObject({ code: "not_found" });
  });

  it("forwards a copy into another box's INBOX, creating it", async () => {
    expect(await forwardMessage(root, "7001", "Old", 0, "7002")).toBe(0);
    expect(await forwardMessage(root, "7001", "INBOX", 2, "7002")).toBe(1);
    expect(await callerOf("7002", "INBOX", 1)).toBe("333");
    expect(await callerOf("7001", "INBOX", 2)).toBe("333");
    await expect(forwardMessage(root, "7001", "INBOX", 0, "7001")).rejects.toBeInstanceOf(SpoolError);
  });

  it("waits for Asterisk's folder lock and gives up when it stays", async () => {
    await symlink(".lock-asterisk", path.join(root, "7001", "INBOX", ".lock"));
    await expect(deleteMessage(root, "7001", "INBOX", 0)).rejects.toMatchObject({ code: "locked" });
    expect(await names("7001", "INBOX")).toHaveLength(9);
  });

  it("refuses traversal, bad names and symlinks", async () => {
    for (const box of ["../7001", "7001/../..", "", "abc", "1"])
      await expect(listMessages(root, box)).rejects.toMatchObject({ code: "invalid" });
    await expect(messageAudio(root, "7001", "../Old", 0)).rejects.toMatchObject({ code: "invalid" });
    await expect(messageAudio(root, "7001", "INBOX", -1)).rejects.toMatchObject({ code: "invalid" });
    await expect(greetingPath(root, "7001", "../../x")).rejects.toMatchObject({ code: "invalid" });
    // a box that is a symlink to somewhere else
    const outside = await mkdtemp(path.join(tmpdir(), "sb-vm-out-"));
    await mkdir(path.join(outside, "INBOX"));
    await symlink(outside, path.join(root, "7003"));
    await expect(listMessages(root, "7003")).rejects.toMatchObject({ code: "unsafe" });
    // a message file that is a symlink (to /etc/passwd, say)
    await symlink("/etc/passwd", path.join(root, "7001", "INBOX", "msg0005.wav"));
    await writeFile(path.join(root, "7001", "INBOX", "msg0005.txt"), "[message]\n");
    await expect(messageAudio(root, "7001", "INBOX", 5)).rejects.toMatchObject({ code: "unsafe" });
    await expect(deleteMessage(root, "7001", "INBOX", 5)).rejects.toMatchObject({ code: "unsafe" });
    await rm(outside, { recursive: true, force: true });
  });

  it("streams the wav of a message and places greetings in the box", async () => {
    expect(await messageAudio(root, "7001", "INBOX", 1)).toBe(
      path.join(await realRoot(), "7001", "INBOX", "msg0001.wav"),
    );
    expect(await greetingPath(root, "7004", "unavail")).toBe(
      path.join(await realRoot(), "7004", "unavail.wav"),
    );
  });

  it("lists the greetings a box has, in any format, and none for a box not yet created", async () => {
    expect(await listGreetings(root, "7009")).toEqual([]);
    expect(await listGreetings(root, "7001")).toEqual([]);
    await writeFile(path.join(root, "7001", "greet.gsm"), "x");
    await writeFile(path.join(root, "7001", "unavail.wav"), "x");
    await writeFile(path.join(root, "7001", "unavail.WAV"), "x");
    await writeFile(path.join(root, "7001", "busy.wav.tmp-1.wav"), "x");
    await mkdir(path.join(root, "7001", "busy.wav"));
    expect(await listGreetings(root, "7001")).toEqual(["unavail", "greet"]);
    await expect(listGreetings(root, "../7001")).rejects.toMatchObject({ code: "invalid" });
  });
});

async function realRoot() {
  const { realpath } = await import("node:fs/promises");
  return realpath(root);
}
