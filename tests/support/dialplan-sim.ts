import { comparePatternSpecificity, matchesCaller } from "@/lib/routing/caller-pattern";
import { type RouteStep, routeStepFromEvent } from "@/lib/routing/trace";

/**
 * A small interpreter for the dialplan Switchboard renders: enough of Asterisk's semantics
 * (variables, functions, $[…] expressions, Goto/GotoIf/Gosub/Return, pattern matching and
 * includes) to run a call through [sb-from-trunk] and collect its SwitchboardRoute UserEvents.
 * Nobody answers: Dial ends NOANSWER and Queue TIMEOUT. Used to prove that the dry run and the
 * compiled dialplan agree, without an Asterisk.
 */

type Priority = { label: string | null; app: string; args: string };
type Context = { includes: string[]; extensions: Map<string, Priority[]> };

export type SimCall = {
  context: string;
  exten: string;
  callerId: string;
  /** Unix seconds for ${EPOCH}. */
  epoch: number;
  /** AstDB, "family/key" → value. */
  astdb: Map<string, string>;
};

export type SimResult = { steps: RouteStep[]; end: "hangup" | "refused" | "voicemail" | "no-exten" | "loop" };

export function parseDialplan(text: string): Map<string, Context> {
  const contexts = new Map<string, Context>();
  let ctx: Context | null = null;
  let current: Priority[] | null = null;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/;.*$/, "").trimEnd();
    if (!line.trim()) continue;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section) {
      ctx = { includes: [], extensions: new Map() };
      contexts.set(section[1]!, ctx);
      continue;
    }
    if (!ctx) continue;
    const include = /^include => (.+)$/.exec(line);
    if (include) {
      ctx.includes.push(include[1]!);
      continue;
    }
    const exten = /^exten => ([^,]+),([^,]+),(.*)$/.exec(line);
    const same = /^ same => n(?:\(([^)]+)\))?,(.*)$/.exec(line);
    let label: string | null = null;
    let body: string;
    if (exten) {
      if (exten[2] === "hint") continue;
      current = [];
      ctx.extensions.set(exten[1]!, current);
      body = exten[3]!;
    } else if (same && current) {
      label = same[1] ?? null;
      body = same[2]!;
    } else throw new Error(`dialplan-sim: cannot read ${JSON.stringify(line)}`);
    const open = body.indexOf("(");
    current!.push({ label, app: body.slice(0, open), args: body.slice(open + 1, body.lastIndexOf(")")) });
  }
  return contexts;
}

export function simulateCall(plan: Map<string, Context>, call: SimCall): SimResult {
  const vars = new Map<string, string>([["EPOCH", String(call.epoch)]]);
  const stack: (Position & { locals: Map<string, string> })[] = [];
  const steps: RouteStep[] = [];
  let refused = false;
  let pos = find(plan, call.context, call.exten);
  if (!pos) return { steps, end: "no-exten" };
  let locals = new Map<string, string>();
  for (let n = 0; n < 5000; n++) {
    const prio = pos.prios[pos.index];
    if (!prio) return { steps, end: "hangup" };
    const get = (name: string) => locals.get(name) ?? vars.get(name) ?? "";
    const args = substitute(prio.args, get, vars, call, plan);
    pos = { ...pos, index: pos.index + 1 };
    const jump = (target: string) => {
      const parts = splitArgs(target);
      if (parts.length === 1) pos = { ...pos!, index: labelIndex(pos!.prios, parts[0]!) };
      else {
        const found = find(plan, parts[0]!, parts[1]!);
        if (!found) throw new Error(`dialplan-sim: no ${target}`);
        pos = found;
      }
    };
    switch (prio.app) {
      case "Set": {
        const eq = args.indexOf("=");
        vars.set(args.slice(0, eq).replace(/^_+/, ""), args.slice(eq + 1));
        break;
      }
      case "UserEvent": {
        const [name, ...fields] = splitArgs(args);
        const record: Record<string, string> = { UserEvent: name! };
        for (const f of fields) {
          const colon = f.indexOf(":");
          record[f.slice(0, colon)] = f.slice(colon + 1).trim();
        }
        const step = routeStepFromEvent(record);
        if (step) steps.push(step);
        break;
      }
      case "GotoIf": {
        const q = args.indexOf("?");
        const cond = args.slice(0, q).trim();
        const [yes, no] = args.slice(q + 1).split(":");
        const target = cond !== "" && cond !== "0" ? yes : no;
        if (target) jump(target);
        break;
      }
      case "Goto":
        jump(args);
        break;
      case "Gosub": {
        const open = args.indexOf("(");
        const [ctxName, exten] = splitArgs(args.slice(0, open));
        const sub = find(plan, ctxName!, exten!);
        if (!sub) throw new Error(`dialplan-sim: no gosub ${args}`);
        stack.push({ ...pos, locals });
        locals = new Map(splitArgs(args.slice(open + 1, -1)).map((a, i) => [`ARG${i + 1}`, a]));
        pos = sub;
        break;
      }
      case "Return": {
        const frame = stack.pop();
        if (!frame) throw new Error("dialplan-sim: Return outside Gosub");
        vars.set("GOSUB_RETVAL", args);
        locals = frame.locals;
        pos = { ctx: frame.ctx, exten: frame.exten, prios: frame.prios, index: frame.index };
        break;
      }
      case "Dial":
        vars.set("DIALSTATUS", "NOANSWER");
        break;
      case "Queue":
        vars.set("QUEUESTATUS", "TIMEOUT");
        break;
      case "VoiceMail":
        return { steps, end: "voicemail" };
      case "Hangup":
        refused = args === "21";
        return { steps, end: refused ? "refused" : "hangup" };
      case "Busy":
        return { steps, end: "hangup" };
      default:
        break;
    }
  }
  return { steps, end: "loop" };
}

type Position = { ctx: string; exten: string; prios: Priority[]; index: number };

function find(
  plan: Map<string, Context>,
  ctxName: string,
  exten: string,
  seen = new Set<string>(),
): Position | null {
  const ctx = plan.get(ctxName);
  if (!ctx || seen.has(ctxName)) return null;
  seen.add(ctxName);
  const exact = ctx.extensions.get(exten);
  if (exact) return { ctx: ctxName, exten, prios: exact, index: 0 };
  const pattern = [...ctx.extensions.keys()]
    .filter((k) => k.startsWith("_") && matchesCaller(k, exten))
    .sort(comparePatternSpecificity)[0];
  if (pattern) return { ctx: ctxName, exten: pattern, prios: ctx.extensions.get(pattern)!, index: 0 };
  for (const inc of ctx.includes) {
    const found = find(plan, inc, exten, seen);
    if (found) return found;
  }
  return null;
}

function labelIndex(prios: Priority[], label: string): number {
  const i = prios.findIndex((p) => p.label === label);
  if (i < 0) throw new Error(`dialplan-sim: no label ${label}`);
  return i;
}

/** Splits on commas outside parentheses. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of s) {
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function substitute(
  s: string,
  get: (name: string) => string,
  vars: Map<string, string>,
  call: SimCall,
  plan: Map<string, Context>,
): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "$" && (s[i + 1] === "{" || s[i + 1] === "[")) {
      const close = s[i + 1] === "{" ? "}" : "]";
      const openCh = s[i + 1]!;
      let depth = 0;
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] === openCh) depth++;
        else if (s[j] === close && --depth === 0) break;
      }
      const inner = substitute(s.slice(i + 2, j), get, vars, call, plan);
      out += openCh === "{" ? evalVar(inner, get, vars, call, plan) : evalExpr(inner);
      i = j;
    } else out += s[i];
  }
  return out;
}

function evalVar(
  inner: string,
  get: (name: string) => string,
  vars: Map<string, string>,
  call: SimCall,
  plan: Map<string, Context>,
): string {
  const fn = /^([A-Z_]+)\((.*)\)$/.exec(inner);
  if (!fn) return get(inner);
  const [, name, rawArgs] = fn;
  const args = splitArgs(rawArgs!);
  switch (name) {
    case "FILTER": {
      const allowed = args[0]!.replace(/(.)-(.)/g, (_m, a: string, b: string) => {
        let r = "";
        for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) r += String.fromCharCode(c);
        return r;
      });
      return [...(args[1] ?? "")].filter((c) => allowed.includes(c)).join("");
    }
    case "CALLERID":
      return call.callerId;
    case "CUT": {
      const parts = get(args[0]!).split(args[1]!);
      return parts[Number(args[2]) - 1] ?? "";
    }
    case "DB_EXISTS": {
      const value = call.astdb.get(args[0]!);
      vars.set("DB_RESULT", value ?? "");
      return value === undefined ? "0" : "1";
    }
    case "DIALPLAN_EXISTS":
      return plan.get(args[0]!) && find(plan, args[0]!, args[1]!) && args[1] ? "1" : "0";
    default:
      return "";
  }
}

/** $[…] with quoted strings, numbers, = != > < + & |. */
function evalExpr(expr: string): string {
  const tokens = expr.match(/"[^"]*"|!=|[=<>+&|]|[^\s"=<>+&|!]+/g) ?? [];
  let i = 0;
  const atom = (): string => {
    const t = tokens[i++] ?? "";
    return t.startsWith('"') ? t.slice(1, -1) : t;
  };
  const sum = (): string => {
    let v = atom();
    while (tokens[i] === "+") {
      i++;
      v = String(Number(v) + Number(atom()));
    }
    return v;
  };
  const cmp = (): string => {
    const a = sum();
    const op = tokens[i];
    if (op !== "=" && op !== "!=" && op !== ">" && op !== "<") return a;
    i++;
    const b = sum();
    const numeric = a !== "" && b !== "" && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b));
    const [x, y] = numeric ? [Number(a), Number(b)] : [a, b];
    const r = op === "=" ? x === y : op === "!=" ? x !== y : op === ">" ? x > y : x < y;
    return r ? "1" : "0";
  };
  const truth = (v: string) => v !== "" && v !== "0";
  const and = (): string => {
    let v = cmp();
    while (tokens[i] === "&") {
      i++;
      const w = cmp();
      v = truth(v) && truth(w) ? "1" : "0";
    }
    return v;
  };
  let v = and();
  while (tokens[i] === "|") {
    i++;
    const w = and();
    v = truth(v) || truth(w) ? "1" : "0";
  }
  return v;
}
