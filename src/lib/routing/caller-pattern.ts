/**
 * Matching a caller number against a list entry or caller-ID rule the way Asterisk does: a plain
 * number matches exactly; a `_` pattern matches with X (0-9), Z (1-9), N (2-9), [classes], `.` (one
 * or more of anything) and `!` (zero or more). Only patterns that pass ALLOW.callerPattern are
 * compiled, so this reads the same syntax the dialplan gets.
 */

type Token = { set: string | null; kind: "char" | "one-or-more" | "zero-or-more" };

const DIGITS = "0123456789";

export function matchesCaller(pattern: string, caller: string): boolean {
  if (!pattern.startsWith("_")) return pattern === caller;
  if (caller === "") return false;
  const tokens = tokenize(pattern.slice(1));
  if (!tokens) return false;
  return matchFrom(tokens, 0, caller, 0);
}

/**
 * Orders overlapping patterns as Asterisk's extension matcher prefers them: position by position,
 * the one admitting fewer characters wins (a literal before N before X before `.`/`!`). Used where
 * several patterns of one context may match (a list's pattern entries) to find the one the
 * dialplan would run.
 */
export function comparePatternSpecificity(a: string, b: string): number {
  const ta = tokenize(a.startsWith("_") ? a.slice(1) : a) ?? [];
  const tb = tokenize(b.startsWith("_") ? b.slice(1) : b) ?? [];
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    const x = ta[i];
    const y = tb[i];
    if (!x) return -1;
    if (!y) return 1;
    const wx = weight(x);
    const wy = weight(y);
    if (wx !== wy) return wx - wy;
    if (x.set && y.set && x.set !== y.set) return x.set < y.set ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The caller number as the dialplan sees it: ${FILTER(0-9*#+,${CALLERID(num)})}. */
export function filterCallerNumber(raw: string): string {
  return raw.replace(/[^0-9*#+]/g, "");
}

function weight(t: Token): number {
  if (t.kind === "one-or-more") return 1000;
  if (t.kind === "zero-or-more") return 1001;
  return t.set?.length ?? 0;
}

function tokenize(body: string): Token[] | null {
  const tokens: Token[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "X") tokens.push({ set: DIGITS, kind: "char" });
    else if (c === "Z") tokens.push({ set: "123456789", kind: "char" });
    else if (c === "N") tokens.push({ set: "23456789", kind: "char" });
    else if (c === ".") tokens.push({ set: null, kind: "one-or-more" });
    else if (c === "!") tokens.push({ set: null, kind: "zero-or-more" });
    else if (c === "[") {
      const end = body.indexOf("]", i);
      if (end < 0) return null;
      const inner = body.slice(i + 1, end);
      let set = "";
      for (let k = 0; k < inner.length; k++) {
        const from = inner[k]!;
        if (inner[k + 1] === "-" && inner[k + 2] !== undefined) {
          const to = inner[k + 2]!;
          for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++)
            set += String.fromCharCode(code);
          k += 2;
        } else set += from;
      }
      tokens.push({ set: [...new Set(set)].sort().join(""), kind: "char" });
      i = end;
    } else tokens.push({ set: c, kind: "char" });
  }
  return tokens;
}

function matchFrom(tokens: Token[], ti: number, s: string, si: number): boolean {
  if (ti === tokens.length) return si === s.length;
  const t = tokens[ti]!;
  if (t.kind === "one-or-more") return si < s.length;
  if (t.kind === "zero-or-more") return true;
  if (si >= s.length || !t.set!.includes(s[si]!)) return false;
  return matchFrom(tokens, ti + 1, s, si + 1);
}
