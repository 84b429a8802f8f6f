import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";

/** One action the simulator received, as kept in memory and written to the JSONL action log. */
export type ReceivedAction = {
  /** Epoch ms when it was read. */
  at: number;
  /** Which TCP session sent it (1, 2, … in connect order). */
  session: number;
  /** The `Action:` value as sent. */
  name: string;
  actionId: string;
  /** Headers in wire order; a Login's Secret is redacted. */
  headers: [string, string][];
  raw: string;
  anomalies: string[];
};

const KEEP = 100_000;

/**
 * Every received action, in memory (the newest 100 000) and, with `--action-log`, appended to a
 * JSONL file, one object per line. Secrets never reach either.
 */
export class ActionLog {
  readonly actions: ReceivedAction[] = [];
  private readonly file?: WriteStream;

  constructor(file?: string) {
    if (file) {
      mkdirSync(path.dirname(file), { recursive: true });
      this.file = createWriteStream(file, { flags: "a" });
    }
  }

  /** Stores a redacted copy; the caller keeps handling the original. */
  record(action: ReceivedAction): void {
    const safe = redact(action);
    this.actions.push(safe);
    if (this.actions.length > KEEP) this.actions.splice(0, this.actions.length - KEEP);
    this.file?.write(`${JSON.stringify(safe)}\n`);
  }

  close(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    return new Promise((resolve) => file.end(() => resolve()));
  }
}

function redact(action: ReceivedAction): ReceivedAction {
  if (!action.headers.some(([key]) => key.toLowerCase() === "secret")) return action;
  return {
    ...action,
    headers: action.headers.map(([key, value]) => [key, key.toLowerCase() === "secret" ? "********" : value]),
    raw: action.raw.replace(/^(secret:)[^\r\n]*/gim, "$1 ********"),
  };
}
