/** One action as read off a session, before it is handled. */
export type ParsedAction = {
  raw: string;
  headers: [string, string][];
  /** What Asterisk would accept silently but a careful client never sends (see ActionReader). */
  anomalies: string[];
};

/**
 * Splits a client's byte stream into actions the way Asterisk's manager reader does: a line ends
 * at LF (with or without CR before it) and an empty line ends the action. So, as on a real
 * Asterisk, a value smuggling CR/LF becomes extra headers or a second action. Nothing is
 * rejected; the oddities are reported as anomalies so the action log shows them:
 * `bare-lf` (a line ended by LF alone), `stray-cr`, `nul`, `no-colon`, and `repeated-<key>`
 * for a second Action/ActionID/Channel header (the shape of an injected action).
 */
export class ActionReader {
  private pending = "";

  push(chunk: string): ParsedAction[] {
    this.pending += chunk;
    const done: ParsedAction[] = [];
    let start = 0;
    let lineStart = 0;
    let lines: string[] = [];
    const anomalies = new Set<string>();
    for (let i = this.pending.indexOf("\n"); i !== -1; i = this.pending.indexOf("\n", lineStart)) {
      const crlf = i > lineStart && this.pending.charCodeAt(i - 1) === 13;
      if (!crlf) anomalies.add("bare-lf");
      const line = this.pending.slice(lineStart, crlf ? i - 1 : i);
      lineStart = i + 1;
      if (line.length > 0) {
        lines.push(line);
        continue;
      }
      if (lines.length > 0) done.push(toAction(this.pending.slice(start, lineStart), lines, anomalies));
      lines = [];
      anomalies.clear();
      start = lineStart;
    }
    this.pending = this.pending.slice(start);
    return done;
  }
}

const WATCHED = ["action", "actionid", "channel"];

function toAction(raw: string, lines: string[], anomalies: Set<string>): ParsedAction {
  const found = new Set(anomalies);
  const seen = new Set<string>();
  const headers = lines.map((line): [string, string] => {
    if (line.includes("\r")) found.add("stray-cr");
    if (line.includes("\0")) found.add("nul");
    const colon = line.indexOf(":");
    if (colon === -1) {
      found.add("no-colon");
      return [line.trim(), ""];
    }
    const key = line.slice(0, colon).trim();
    const lower = key.toLowerCase();
    if (WATCHED.includes(lower) && seen.has(lower)) found.add(`repeated-${lower}`);
    seen.add(lower);
    return [key, line.slice(colon + 1).trimStart()];
  });
  return { raw, headers, anomalies: [...found] };
}

/** astman_get_header: the first value of `key`, case-insensitively, "" when absent. */
export function headerOf(headers: [string, string][], key: string): string {
  const wanted = key.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === wanted)?.[1] ?? "";
}
