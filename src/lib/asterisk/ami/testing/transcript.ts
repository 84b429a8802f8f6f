import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Loads the recorded Asterisk 22.10.1 AMI sessions in tests/fixtures/ami (see the README in
 * shared/fixtures/ami). Every `recv` line is one complete message as Asterisk sent it (the first
 * of each connection is the banner line); every `send` line is one action the recorder wrote.
 */
export type TranscriptLine = { t: number; dir: "recv" | "send" | "meta"; raw: string };
export type Transcript = { name: string; description: string; lines: TranscriptLine[] };

export const FIXTURE_DIR = path.resolve(import.meta.dirname, "../../../../../tests/fixtures/ami");

export const TRANSCRIPT_NAMES: string[] = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith(".jsonl"))
  .map((file) => file.slice(0, -".jsonl".length))
  .sort();

export function loadTranscript(name: string): Transcript {
  const [header, ...rest] = readFileSync(path.join(FIXTURE_DIR, `${name}.jsonl`), "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line));
  return { name, description: header.description, lines: rest as TranscriptLine[] };
}

/** The `recv` raws of each TCP connection, split where the recorder saw the connection close. */
export function recvByConnection(transcript: Transcript): string[][] {
  const connections: string[][] = [[]];
  for (const line of transcript.lines) {
    if (line.dir === "meta" && line.raw === "reconnect") connections.push([]);
    if (line.dir === "recv") connections.at(-1)?.push(line.raw);
  }
  return connections;
}

/**
 * A deliberately naive reading of one recorded message, independent of the parser under test:
 * the recorder already cut the stream into messages, so here CRLF and ": " are all it takes.
 */
export function splitHeaders(raw: string): [string, string][] {
  return raw
    .replace(/\r\n\r\n$/, "")
    .split("\r\n")
    .map((line) => {
      const at = line.indexOf(": ");
      return at === -1 ? [line.replace(/:$/, ""), ""] : [line.slice(0, at), line.slice(at + 2)];
    });
}

export function actionIdOf(raw: string): string | undefined {
  return splitHeaders(raw).find(([key]) => key === "ActionID")?.[1];
}

export function replaceActionId(raw: string, from: string, to: string): string {
  return raw.replace(`ActionID: ${from}\r\n`, `ActionID: ${to}\r\n`);
}

/** ActionIDs of the recorded list actions: their response carried `EventList: start`. */
export function listActionIds(transcript: Transcript): Set<string> {
  const ids = new Set<string>();
  for (const line of transcript.lines) {
    if (line.dir !== "recv" || !line.raw.startsWith("Response: ")) continue;
    const headers = splitHeaders(line.raw);
    const id = headers.find(([key]) => key === "ActionID")?.[1];
    if (id && headers.some(([key, value]) => key === "EventList" && value === "start")) ids.add(id);
  }
  return ids;
}

/** Every recorded reply to `actionId` in wire order: its response, then list items and the Complete event. */
export function repliesTo(transcript: Transcript, actionId: string): string[] {
  return transcript.lines
    .filter((line) => line.dir === "recv" && actionIdOf(line.raw) === actionId)
    .map((line) => line.raw);
}
