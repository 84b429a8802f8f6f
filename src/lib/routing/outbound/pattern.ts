import { ALLOW } from "@/lib/asterisk/allowlists";

/**
 * Asterisk dial patterns, parsed and matched the way pbx.c does it (`_extension_match_core`
 * and `ext_cmp`), so the route tester and the dry run agree with the compiled dialplan.
 *
 * Syntax accepted (a strict subset of Asterisk's, see ALLOW.dialPattern):
 *   1234        a literal: matches exactly that string
 *   _X N Z      one digit 0-9, 2-9, 1-9
 *   _[1-5] [0137-9]   one digit of a set
 *   0-9 * # +   themselves
 *   .  (last)   one or more of anything;   !  (last)   zero or more of anything
 * Asterisk's `-` "eye candy" outside sets and lower-case x/n/z are refused, not ignored, so a
 * pattern means one thing.
 */
export type PatternToken =
  | { kind: "char"; char: string }
  | { kind: "set"; chars: string[]; text: string }
  | { kind: "one-or-more" }
  | { kind: "zero-or-more" };

export type ParsedPattern = { text: string; literal: boolean; tokens: PatternToken[] };

export type PatternParse = { ok: true; pattern: ParsedPattern } | { ok: false; message: string };

const DIGITS = "0123456789";
const CLASS: Record<string, string> = { X: DIGITS, N: "23456789", Z: "123456789" };

export function parsePattern(text: string): PatternParse {
  if (!ALLOW.dialPattern.test(text)) {
    if (text.includes("[") || text.includes("]")) {
      const opens = (text.match(/\[/g) ?? []).length;
      const closes = (text.match(/\]/g) ?? []).length;
      if (opens !== closes) return { ok: false, message: "Unbalanced [ ] in the pattern." };
    }
    if (/[.!]./.test(text)) return { ok: false, message: "'.' and '!' may only end a pattern." };
    if (/^[^_].*[XNZ[.!]/.test(text))
      return { ok: false, message: "A pattern with X, N, Z, [ ], '.' or '!' must start with '_'." };
    if (/[xnz]/.test(text) && ALLOW.dialPattern.test(text.toUpperCase()))
      return { ok: false, message: "Write X, N and Z in capitals." };
    if (text.length > 40) return { ok: false, message: "Use at most 40 characters." };
    return {
      ok: false,
      message: "Use digits, * # +, or '_' then X N Z, digits, sets like [1-5], and '.' or '!' at the end.",
    };
  }
  if (!text.startsWith("_")) {
    return {
      ok: true,
      pattern: { text, literal: true, tokens: [...text].map((char) => ({ kind: "char", char })) },
    };
  }
  const tokens: PatternToken[] = [];
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === "[") {
      const end = text.indexOf("]", i);
      const body = text.slice(i + 1, end);
      const chars = new Set<string>();
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === "-") {
          const from = body[k]!;
          const to = body[k + 2]!;
          if (to < from)
            return { ok: false, message: `The range ${from}-${to} in [${body}] runs backwards.` };
          for (let d = from.charCodeAt(0); d <= to.charCodeAt(0); d++) chars.add(String.fromCharCode(d));
          k += 2;
        } else chars.add(body[k]!);
      }
      tokens.push({ kind: "set", chars: [...chars].sort(), text: `[${body}]` });
      i = end;
    } else if (c in CLASS) tokens.push({ kind: "set", chars: [...CLASS[c]!], text: c });
    else if (c === ".") tokens.push({ kind: "one-or-more" });
    else if (c === "!") tokens.push({ kind: "zero-or-more" });
    else tokens.push({ kind: "char", char: c });
  }
  return { ok: true, pattern: { text, literal: false, tokens } };
}

/** Parses a pattern known to be valid (stored data); throws on anything else. */
export function mustParse(text: string): ParsedPattern {
  const parsed = parsePattern(text);
  if (!parsed.ok) throw new Error(`invalid dial pattern ${JSON.stringify(text)}: ${parsed.message}`);
  return parsed.pattern;
}

/** Does the dialled string match the pattern? Asterisk's E_MATCH: a complete match only. */
export function matchPattern(pattern: ParsedPattern, dialled: string): boolean {
  if (pattern.literal) return pattern.text === dialled;
  let i = 0;
  for (const token of pattern.tokens) {
    if (token.kind === "one-or-more") return i < dialled.length;
    if (token.kind === "zero-or-more") return true;
    const c = dialled[i];
    if (c === undefined) return false;
    if (token.kind === "char" ? c !== token.char : !token.chars.includes(c)) return false;
    i++;
  }
  return i === dialled.length;
}

/**
 * Asterisk's order of extensions within one context (pbx.c `ext_cmp`): literals before
 * patterns; patterns position by position, the smaller character set first (a literal digit
 * before N before Z before X), then `.` before `!` before the end; equal-sized sets by their
 * lowest differing character. Within a context the first extension in this order that matches
 * wins: "the most specific pattern".
 */
export function comparePatterns(a: ParsedPattern, b: ParsedPattern): number {
  if (a.literal !== b.literal) return a.literal ? -1 : 1;
  if (a.literal) return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  for (let i = 0; ; i++) {
    const ta = a.tokens[i];
    const tb = b.tokens[i];
    const diff = weight(ta) - weight(tb);
    if (diff !== 0) return diff;
    if (!ta || !tb) return 0;
    const sa = charsOf(ta);
    const sb = charsOf(tb);
    const lowest = [...new Set([...sa, ...sb])].sort().find((c) => sa.includes(c) !== sb.includes(c));
    if (lowest !== undefined) return sa.includes(lowest) ? -1 : 1;
  }
}

/** The best (first, in Asterisk's order) of several patterns that matches, or null. */
export function bestMatch<T extends { parsed: ParsedPattern }>(candidates: T[], dialled: string): T | null {
  let best: T | null = null;
  for (const c of candidates) {
    if (!matchPattern(c.parsed, dialled)) continue;
    if (!best || comparePatterns(c.parsed, best.parsed) < 0) best = c;
  }
  return best;
}

// The position scores of pbx.c's ext_cmp_pattern_pos: count of characters << 8 | lowest char.
function weight(t: PatternToken | undefined): number {
  if (!t) return 0x30000;
  if (t.kind === "one-or-more") return 0x18000;
  if (t.kind === "zero-or-more") return 0x28000;
  if (t.kind === "char") return 0x100 | t.char.charCodeAt(0);
  return (t.chars.length << 8) | t.chars[0]!.charCodeAt(0);
}

function charsOf(t: PatternToken): string[] {
  if (t.kind === "char") return [t.char];
  if (t.kind === "set") return t.chars;
  return [];
}
