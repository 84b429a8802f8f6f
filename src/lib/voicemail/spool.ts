import { randomBytes } from "node:crypto";
import {
  copyFile,
  lstat,
  mkdir,
  readdir,
  readFile,
  realpath,
  rename,
  symlink,
  unlink,
} from "node:fs/promises";
import path from "node:path";
import { ALLOW } from "@/lib/asterisk/allowlists";
import { isInside } from "@/lib/recordings/safe-path";

/**
 * Visual voicemail over Asterisk's own spool layout (app_voicemail, file storage):
 *
 *   <spool>/voicemail/switchboard/<box>/INBOX/msg0000.txt   metadata ([message] key=value)
 *                                        /INBOX/msg0000.wav   audio, one file per format
 *                                        /Old/…               heard messages
 *                                        /unavail.wav, busy.wav, greet.wav   greetings
 *
 * Asterisk keeps each folder numbered msg0000… without gaps and finds the next slot after the
 * last one, so every change here does what app_voicemail does: moving or forwarding appends at
 * the end of the target folder, and deleting or moving out closes the gap by renumbering the
 * messages after it. Folders are locked the way Asterisk locks them (ast_lock_path: a `.lock`
 * symlink created atomically), so Asterisk recording a new message can't race a renumber.
 *
 * Every path is built from allowlisted parts (box number, folder name, 4-digit index) and
 * checked with realpath to stay under the voicemail root; symlinked boxes, folders or message
 * files are refused.
 */
export const FOLDERS = ["INBOX", "Old"] as const;
export type Folder = (typeof FOLDERS)[number];
export const GREETINGS = ["unavail", "busy", "greet"] as const;
export type Greeting = (typeof GREETINGS)[number];

export type VoicemailMessage = {
  folder: Folder;
  index: number;
  callerId: string;
  /** Seconds since the epoch (origtime). */
  time: number;
  duration: number;
  msgId: string;
  /** Audio formats present (wav, WAV, gsm). */
  formats: string[];
};

export class SpoolError extends Error {
  constructor(
    readonly code: "invalid" | "not_found" | "unsafe" | "locked",
    message: string,
  ) {
    super(message);
    this.name = "SpoolError";
  }
}

const MSG = /^msg(\d{4})\.([A-Za-z0-9]{1,5})$/;
const MAX_MESSAGES = 9999;

export function voicemailRoot(spoolDir: string): string {
  return path.resolve(spoolDir, "voicemail", "switchboard");
}

/** Lists a box's messages, newest first. A box that doesn't exist yet has none. */
export async function listMessages(root: string, box: string): Promise<VoicemailMessage[]> {
  const out: VoicemailMessage[] = [];
  for (const folder of FOLDERS) {
    const dir = await folderDir(root, box, folder, { create: false });
    if (!dir) continue;
    for (const [index, formats] of await messagesIn(dir)) {
      const meta = await readMeta(path.join(dir, `${name(index)}.txt`));
      out.push({
        folder,
        index,
        callerId: meta.callerid ?? "",
        time: Number(meta.origtime ?? 0) || 0,
        duration: Number(meta.duration ?? 0) || 0,
        msgId: meta.msg_id ?? "",
        formats: formats.filter((f) => f !== "txt"),
      });
    }
  }
  return out.sort((a, b) => b.time - a.time || a.index - b.index);
}

/** The audio file to stream for a message (wav preferred), as a checked real path. */
export async function messageAudio(
  root: string,
  box: string,
  folder: string,
  index: number,
): Promise<string> {
  const dir = await folderDir(root, box, checkFolder(folder), { create: false });
  if (!dir) throw new SpoolError("not_found", "No such message.");
  for (const ext of ["wav", "WAV"]) {
    const file = path.join(dir, `${name(checkIndex(index))}.${ext}`);
    const st = await lstat(file).catch(() => null);
    if (!st) continue;
    if (!st.isFile()) throw new SpoolError("unsafe", "Refusing a message that is not a plain file.");
    return file;
  }
  throw new SpoolError("not_found", "No such message.");
}

/** INBOX → Old (heard) or Old → INBOX (unheard), appended at the end of the target folder. */
export async function moveMessage(
  root: string,
  box: string,
  from: Folder,
  index: number,
  to: Folder,
): Promise<number> {
  if (from === to) return index;
  return withLocks(root, box, [from, to], async ({ [from]: src, [to]: dst }) => {
    const files = await filesOf(src!, checkIndex(index));
    const target = await nextIndex(dst!);
    for (const f of files) await rename(path.join(src!, f.file), path.join(dst!, `${name(target)}.${f.ext}`));
    await closeGap(src!, index);
    return target;
  });
}

/** Deletes one message and closes the gap. */
export async function deleteMessage(root: string, box: string, folder: Folder, index: number): Promise<void> {
  await withLocks(root, box, [folder], async ({ [folder]: dir }) => {
    const files = await filesOf(dir!, checkIndex(index));
    for (const f of files) await unlink(path.join(dir!, f.file));
    await closeGap(dir!, index);
  });
}

/** Copies a message into another box's INBOX (as new), returning its index there. */
export async function forwardMessage(
  root: string,
  box: string,
  folder: Folder,
  index: number,
  toBox: string,
): Promise<number> {
  if (toBox === box) throw new SpoolError("invalid", "Choose another box.");
  const src = await folderDir(root, box, folder, { create: false });
  if (!src) throw new SpoolError("not_found", "No such message.");
  const files = await filesOf(src, checkIndex(index));
  return withLocks(root, toBox, ["INBOX"], async ({ INBOX: dst }) => {
    const target = await nextIndex(dst!);
    for (const f of files)
      await copyFile(path.join(src, f.file), path.join(dst!, `${name(target)}.${f.ext}`));
    return target;
  });
}

/** Where a greeting goes (<box>/<kind>.wav), the box directory created if needed. */
export async function greetingPath(root: string, box: string, kind: string): Promise<string> {
  if (!(GREETINGS as readonly string[]).includes(kind)) throw new SpoolError("invalid", "Unknown greeting.");
  const dir = await boxDir(root, box, { create: true });
  const file = path.join(dir!, `${kind}.wav`);
  const st = await lstat(file).catch(() => null);
  if (st && !st.isFile()) throw new SpoolError("unsafe", "Refusing a greeting that is not a plain file.");
  return file;
}

/** Which greetings the box has recorded or uploaded (any format), in GREETINGS order. */
export async function listGreetings(root: string, box: string): Promise<Greeting[]> {
  const dir = await boxDir(root, box, { create: false });
  if (!dir) return [];
  const found = new Set<string>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const m = /^(unavail|busy|greet)\.[A-Za-z0-9]{1,5}$/.exec(entry.name);
    if (m && entry.isFile()) found.add(m[1]!);
  }
  return GREETINGS.filter((g) => found.has(g));
}

// ---- helpers ----

function name(index: number): string {
  return `msg${String(index).padStart(4, "0")}`;
}

function checkIndex(index: number): number {
  if (!Number.isInteger(index) || index < 0 || index > MAX_MESSAGES)
    throw new SpoolError("invalid", "Bad message number.");
  return index;
}

function checkFolder(folder: string): Folder {
  if (!(FOLDERS as readonly string[]).includes(folder)) throw new SpoolError("invalid", "Unknown folder.");
  return folder as Folder;
}

async function boxDir(root: string, box: string, opts: { create: boolean }): Promise<string | null> {
  if (!ALLOW.extensionNumber.test(box)) throw new SpoolError("invalid", "Bad mailbox.");
  let realRoot: string;
  try {
    if (opts.create) await mkdir(root, { recursive: true });
    realRoot = await realpath(root);
  } catch {
    return null;
  }
  const dir = path.join(realRoot, box);
  if (opts.create) await mkdir(dir, { recursive: true });
  const st = await lstat(dir).catch(() => null);
  if (!st) return null;
  if (st.isSymbolicLink() || !st.isDirectory())
    throw new SpoolError("unsafe", "Refusing a mailbox that is a link.");
  const real = await realpath(dir);
  if (!isInside(realRoot, real)) throw new SpoolError("unsafe", "Refusing a mailbox outside the spool.");
  return real;
}

async function folderDir(
  root: string,
  box: string,
  folder: Folder,
  opts: { create: boolean },
): Promise<string | null> {
  const base = await boxDir(root, box, opts);
  if (!base) return null;
  const dir = path.join(base, checkFolder(folder));
  if (opts.create) await mkdir(dir, { recursive: true });
  const st = await lstat(dir).catch(() => null);
  if (!st) return null;
  if (st.isSymbolicLink() || !st.isDirectory())
    throw new SpoolError("unsafe", "Refusing a folder that is a link.");
  return dir;
}

/** index → extensions present, for plain msgNNNN.* files only. */
async function messagesIn(dir: string): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const m = MSG.exec(entry.name);
    if (!m || !entry.isFile()) continue;
    const index = Number(m[1]);
    out.set(index, [...(out.get(index) ?? []), m[2]!]);
  }
  // Only messages with their metadata count, as in Asterisk (the .txt is written last).
  return new Map([...out].filter(([, exts]) => exts.includes("txt")).sort((a, b) => a[0] - b[0]));
}

async function filesOf(dir: string, index: number): Promise<{ file: string; ext: string }[]> {
  const prefix = `${name(index)}.`;
  const files: { file: string; ext: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.name.startsWith(prefix) || !MSG.test(entry.name)) continue;
    if (!entry.isFile()) throw new SpoolError("unsafe", "Refusing a message file that is a link.");
    files.push({ file: entry.name, ext: entry.name.slice(prefix.length) });
  }
  if (!files.some((f) => f.ext === "txt")) throw new SpoolError("not_found", "No such message.");
  return files;
}

async function nextIndex(dir: string): Promise<number> {
  const indexes = [...(await messagesIn(dir)).keys()];
  const next = indexes.length ? Math.max(...indexes) + 1 : 0;
  if (next > MAX_MESSAGES) throw new SpoolError("invalid", "That mailbox is full.");
  return next;
}

/** Renumbers every message after `removed` down by one, in order, so the folder has no gap. */
async function closeGap(dir: string, removed: number): Promise<void> {
  const later = [...(await messagesIn(dir)).keys()].filter((i) => i > removed).sort((a, b) => a - b);
  let slot = removed;
  for (const i of later) {
    for (const f of await filesOf(dir, i))
      await rename(path.join(dir, f.file), path.join(dir, `${name(slot)}.${f.ext}`));
    slot++;
  }
}

async function readMeta(file: string): Promise<Record<string, string>> {
  const text = await readFile(file, "utf8").catch(() => "");
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([a-z_]+)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!.slice(0, 200);
  }
  return out;
}

/**
 * Locks folders in a fixed order (no deadlock between two moves in opposite directions) with
 * Asterisk's scheme: `<dir>/.lock` is a symlink to a unique `.lock-<random>` name, created
 * atomically; an existing one means someone else holds it. Waits up to ~2 s, then gives up.
 */
async function withLocks<T>(
  root: string,
  box: string,
  folders: Folder[],
  work: (dirs: Partial<Record<Folder, string>>) => Promise<T>,
): Promise<T> {
  const dirs: Partial<Record<Folder, string>> = {};
  for (const f of folders) {
    const dir = await folderDir(root, box, f, { create: true });
    if (!dir) throw new SpoolError("not_found", "No such mailbox.");
    dirs[f] = dir;
  }
  const order = [...new Set(folders)].sort();
  const held: string[] = [];
  try {
    for (const f of order) {
      await lock(dirs[f]!);
      held.push(dirs[f]!);
    }
    return await work(dirs);
  } finally {
    for (const dir of held.reverse()) await unlink(path.join(dir, ".lock")).catch(() => {});
  }
}

async function lock(dir: string): Promise<void> {
  const target = `.lock-${randomBytes(6).toString("hex")}`;
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      await symlink(target, path.join(dir, ".lock"));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new SpoolError("locked", "The mailbox is busy; try again.");
}
