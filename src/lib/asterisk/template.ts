import { ALLOW, type AllowlistName } from "./allowlists";

/**
 * A deliberately small template language for Asterisk include files. Every interpolation names
 * a guard, and the guard is an allowlist: a value that fails it stops the render with a
 * RenderGuardError naming the object and field. There is no way to print a raw value.
 *
 *   {{ path | guard }}            guard: an ALLOW name, or yesno / int / list:<ALLOW name>
 *   {{#each path}} … {{/each}}    the item is the scope; parent fields stay visible; {{@index}}
 *   {{#if path}} … {{else}} … {{/if}}
 *   {{! comment }}
 * A block tag alone on its line removes the whole line, so templates read like the config.
 */
export type Scope = Record<string, unknown>;

export class RenderGuardError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly guard: string,
    readonly value: unknown,
    /** "extension:<id>" etc., from the nearest scope's __source. */
    readonly source: string | undefined,
  ) {
    super(
      `${file}: refused ${JSON.stringify(String(value)).slice(0, 80)} for ${field}${source ? ` of ${source}` : ""}: it fails the ${guard} allowlist`,
    );
    this.name = "RenderGuardError";
  }
}

type Node =
  | { t: "text"; v: string }
  | { t: "var"; path: string[]; guard: string; list: boolean; re?: RegExp }
  | { t: "index" }
  | { t: "each"; path: string[]; body: Node[] }
  | { t: "if"; path: string[]; ifTrue: Node[]; ifFalse: Node[] };

export type CompiledTemplate = (scope: Scope) => string;

const TAG = /\{\{\s*([#/!]?)([^}]*?)\s*\}\}/g;

export function compileTemplate(file: string, source: string): CompiledTemplate {
  const nodes = parse(file, stripStandaloneLines(source));
  return (scope) => {
    const out: string[] = [];
    emit(file, nodes, [scope], out);
    return out.join("");
  };
}

function stripStandaloneLines(source: string): string {
  // A line holding only a block tag ({{#…}}, {{/…}}, {{else}}, {{!…}}) disappears with its newline.
  return source.replace(/^[ \t]*(\{\{\s*(?:[#/!][^}]*|else)\s*\}\})[ \t]*\r?\n/gm, "$1");
}

function parse(file: string, source: string): Node[] {
  const root: Node[] = [];
  const stack: { node: Extract<Node, { t: "each" | "if" }>; inElse: boolean }[] = [];
  const target = () => {
    const top = stack.at(-1);
    if (!top) return root;
    if (top.node.t === "if") return top.inElse ? top.node.ifFalse : top.node.ifTrue;
    return top.node.body;
  };
  let last = 0;
  for (const m of source.matchAll(TAG)) {
    if (m.index > last) target().push({ t: "text", v: source.slice(last, m.index) });
    last = m.index + m[0].length;
    const [, sigil, bodyRaw] = m;
    const body = (bodyRaw ?? "").trim();
    if (sigil === "!") continue;
    if (sigil === "#") {
      const [kind, path] = body.split(/\s+/);
      if ((kind !== "each" && kind !== "if") || !path) throw new Error(`${file}: bad block tag {{#${body}}}`);
      const node: Extract<Node, { t: "each" | "if" }> =
        kind === "each"
          ? { t: "each", path: path.split("."), body: [] }
          : { t: "if", path: path.split("."), ifTrue: [], ifFalse: [] };
      target().push(node);
      stack.push({ node, inElse: false });
    } else if (sigil === "/") {
      const top = stack.pop();
      if (!top || top.node.t !== body) throw new Error(`${file}: unexpected {{/${body}}}`);
    } else if (body === "else") {
      const top = stack.at(-1);
      if (top?.node.t !== "if") throw new Error(`${file}: {{else}} outside {{#if}}`);
      top.inElse = true;
    } else if (body === "@index") {
      target().push({ t: "index" });
    } else {
      const [path, guard] = body.split("|").map((s) => s.trim());
      if (!path || !guard)
        throw new Error(`${file}: {{${body}}} needs a guard, e.g. {{${body} | identifier}}`);
      checkGuardName(file, guard);
      const list = guard.startsWith("list:");
      const re = ALLOW[(list ? guard.slice(5) : guard) as AllowlistName] as RegExp | undefined;
      target().push({ t: "var", path: path.split("."), guard, list, re });
    }
  }
  if (stack.length) throw new Error(`${file}: unclosed {{#${stack.at(-1)!.node.t}}}`);
  if (last < source.length) target().push({ t: "text", v: source.slice(last) });
  return root;
}

function checkGuardName(file: string, guard: string) {
  const name = guard.startsWith("list:") ? guard.slice(5) : guard;
  if (name === "yesno" || name === "int" || name in ALLOW) return;
  throw new Error(`${file}: unknown guard "${guard}"`);
}

function lookup(scopes: Scope[], path: string[]): unknown {
  const head = path[0]!;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i]!;
    if (Object.hasOwn(scope, head)) {
      let v: unknown = scope[head];
      for (let k = 1; k < path.length; k++) v = v == null ? undefined : (v as Scope)[path[k]!];
      return v;
    }
  }
  return undefined;
}

function sourceOf(scopes: Scope[]): string | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i]!.__source;
    if (typeof s === "string") return s;
  }
  return undefined;
}

function emit(file: string, nodes: Node[], scopes: Scope[], out: string[], index = 0): void {
  for (const node of nodes) {
    switch (node.t) {
      case "text":
        out.push(node.v);
        break;
      case "index":
        out.push(String(index));
        break;
      case "var":
        out.push(guarded(file, node, lookup(scopes, node.path), scopes));
        break;
      case "if": {
        const v = lookup(scopes, node.path);
        emit(file, truthy(v) ? node.ifTrue : node.ifFalse, scopes, out, index);
        break;
      }
      case "each": {
        const list = lookup(scopes, node.path);
        if (list == null) break;
        if (!Array.isArray(list)) throw new Error(`${file}: {{#each ${node.path.join(".")}}} is not a list`);
        // One scope stack for the whole render, pushed and popped per item: no array per item.
        for (let i = 0; i < list.length; i++) {
          const item: unknown = list[i];
          scopes.push((typeof item === "object" && item !== null ? item : { this: item }) as Scope);
          emit(file, node.body, scopes, out, i);
          scopes.pop();
        }
        break;
      }
    }
  }
}

function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : Boolean(v);
}

// Hot path: no closures here. Under tsx/esbuild every closure created per call is also wrapped to
// keep its name, which made a 10,000-extension render several times slower.
function guarded(file: string, node: Extract<Node, { t: "var" }>, value: unknown, scopes: Scope[]): string {
  const guard = node.guard;
  if (guard === "yesno") {
    if (typeof value === "boolean") return value ? "yes" : "no";
  } else if (guard === "int") {
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= 999_999)
      return String(value);
  } else if (node.list) {
    if (Array.isArray(value) && value.length > 0 && value.every(isString) && allMatch(node.re!, value))
      return value.join(",");
  } else {
    const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
    if (typeof text === "string" && node.re!.test(text)) return text;
  }
  throw new RenderGuardError(file, node.path.join("."), guard, value, sourceOf(scopes));
}

function isString(v: unknown): v is string {
  return typeof v === "string";
}

function allMatch(re: RegExp, values: string[]): boolean {
  for (const v of values) if (!re.test(v)) return false;
  return true;
}
