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

/**
 * Parses the template once and turns it into JavaScript (see Generator): every lookup is resolved
 * against the scopes known at its depth, and every guard is an inline call. Walking the parsed
 * tree per value instead cost more than the rest of a 10,000-extension render. Only the
 * template's own text and paths reach the generated code, as JSON string literals.
 */
export function compileTemplate(file: string, source: string): CompiledTemplate {
  return new Generator(file).compile(parse(file, stripStandaloneLines(source)));
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

/**
 * Writes the template as JavaScript: one function per block scope, `r<n>(s0, …, s<depth>, i)`
 * returning that block's text for one item (`i` is its {{@index}}). r0 is the whole file; each
 * `{{#each}}` body is another function, called per item with the item as its innermost scope.
 * Each function collects its pieces in its own small array and joins it: one array for the whole
 * file, or a string grown with +=, made far more garbage for the collector.
 */
class Generator {
  private readonly functions: string[] = [];
  private readonly regexes: RegExp[] = [];
  /** Per interpolation, what a RenderGuardError reports. */
  private readonly vars: { field: string; guard: string }[] = [];

  constructor(private readonly file: string) {}

  compile(nodes: Node[]): CompiledTemplate {
    const root = this.fn(nodes, 0);
    const { file, vars, regexes } = this;
    const fail = (id: number, value: unknown, scopes: Scope[]): never => {
      const { field, guard } = vars[id]!;
      throw new RenderGuardError(file, field, guard, value, sourceOf(scopes));
    };
    const code = [
      '"use strict";',
      "const { hasOwn, truthy, eachOf, itemScope, guardInt, guardRe, guardList, fail, regexes } = rt;",
      ...regexes.map((_, k) => `const re${k} = regexes[${k}];`),
      ...this.functions,
      `return function render(scope) { return ${root}(scope, 0); };`,
    ].join("\n");
    const rt = {
      hasOwn: Object.hasOwn,
      truthy,
      eachOf,
      itemScope,
      guardInt,
      guardRe,
      guardList,
      fail,
      regexes,
    };
    return new Function("rt", code)(rt) as CompiledTemplate;
  }

  private fn(nodes: Node[], depth: number): string {
    const id = this.functions.push("") - 1; // nested blocks get the numbers after this one
    const params = [...scopeNames(depth), "i"].join(", ");
    this.functions[id] =
      `function r${id}(${params}) {\nconst out = [];\nlet v;\n${this.body(nodes, depth)}return out.join("");\n}`;
    return `r${id}`;
  }

  private body(nodes: Node[], depth: number): string {
    const scopes = scopeNames(depth).join(", ");
    let code = "";
    for (const node of nodes) {
      switch (node.t) {
        case "text":
          code += `out.push(${JSON.stringify(node.v)});\n`;
          break;
        case "index":
          code += "out.push(String(i));\n";
          break;
        case "var": {
          const fail = `fail(${this.vars.push({ field: node.path.join("."), guard: node.guard }) - 1}, v, [${scopes}])`;
          code += lookup(node.path, depth);
          if (node.guard === "yesno")
            code += `out.push(v === true ? "yes" : v === false ? "no" : ${fail});\n`;
          else if (node.guard === "int") code += `out.push(guardInt(v) ?? ${fail});\n`;
          else {
            const known = this.regexes.indexOf(node.re!);
            const re = `re${known >= 0 ? known : this.regexes.push(node.re!) - 1}`;
            code += `out.push(${node.list ? "guardList" : "guardRe"}(${re}, v) ?? ${fail});\n`;
          }
          break;
        }
        case "if":
          code += `${lookup(node.path, depth)}if (truthy(v)) {\n${this.body(node.ifTrue, depth)}}`;
          code += node.ifFalse.length ? ` else {\n${this.body(node.ifFalse, depth)}}\n` : "\n";
          break;
        case "each": {
          const item = this.fn(node.body, depth + 1);
          const notList = JSON.stringify(`${this.file}: {{#each ${node.path.join(".")}}} is not a list`);
          code += `${lookup(node.path, depth)}{\nconst list = eachOf(v, ${notList});\n`;
          code += `for (let j = 0; j < list.length; j++) out.push(${item}(${scopes}, itemScope(list[j]), j));\n}\n`;
          break;
        }
      }
    }
    return code;
  }
}

function scopeNames(depth: number): string[] {
  return Array.from({ length: depth + 1 }, (_, d) => `s${d}`);
}

/**
 * Statements leaving the path's value in `v`: the innermost scope that has the path's head
 * decides, the rest of the path reads through it. Path segments enter the code only as JSON
 * string literals, so a template can't inject code through them.
 */
function lookup(path: string[], depth: number): string {
  const [head, ...rest] = path.map((p) => JSON.stringify(p));
  let expr = "undefined";
  for (let d = 0; d <= depth; d++) expr = `hasOwn(s${d}, ${head}) ? s${d}[${head}] : ${expr}`;
  return `v = ${expr};\n${rest.map((k) => `v = v == null ? undefined : v[${k}];\n`).join("")}`;
}

function sourceOf(scopes: Scope[]): string | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i]!.__source;
    if (typeof s === "string") return s;
  }
  return undefined;
}

function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : Boolean(v);
}

function eachOf(list: unknown, where: string): unknown[] {
  if (list == null) return [];
  if (!Array.isArray(list)) throw new Error(where);
  return list;
}

function itemScope(item: unknown): Scope {
  return (typeof item === "object" && item !== null ? item : { this: item }) as Scope;
}

function guardRe(re: RegExp, value: unknown): string | undefined {
  const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  return typeof text === "string" && re.test(text) ? text : undefined;
}

function guardInt(value: unknown): string | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= 999_999
    ? String(value)
    : undefined;
}

function guardList(re: RegExp, value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  for (const v of value) if (typeof v !== "string" || !re.test(v)) return undefined;
  return value.join(",");
}
