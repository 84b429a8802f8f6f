import { describe, expect, it } from "vitest";
import { compileTemplate, RenderGuardError } from "./template";

const render = (source: string, scope: Record<string, unknown>) => compileTemplate("t.conf", source)(scope);

function guardError(source: string, scope: Record<string, unknown>): RenderGuardError {
  try {
    render(source, scope);
  } catch (e) {
    if (e instanceof RenderGuardError) return e;
    throw e;
  }
  throw new Error("rendered without a guard error");
}

describe("compileTemplate", () => {
  it("renders blocks, drops lines that hold only a block tag, and numbers items", () => {
    const source = [
      "[x]",
      "{{#each items}}",
      "{{! one line per item }}",
      "{{@index}}={{name | identifier}}{{#if on}} on{{else}} off{{/if}}",
      "{{/each}}",
      "end",
    ].join("\n");
    const scope = {
      items: [
        { name: "a", on: true },
        { name: "b", on: [] },
        { name: "c", on: [1] },
      ],
    };
    expect(render(source, scope)).toBe("[x]\n0=a on\n1=b off\n2=c on\nend");
  });

  it("reads a field from the innermost scope that has it, else from the outer ones", () => {
    const source =
      "{{#each outer}}{{#each inner}}{{n | int}}/{{tz | timezone}}/{{label | identifier}};{{/each}}{{/each}}";
    const scope = {
      tz: "UTC",
      label: "root",
      outer: [{ label: "o", inner: [{ n: 1 }, { n: 2, label: "own" }] }],
    };
    expect(render(source, scope)).toBe("1/UTC/o;2/UTC/own;");
  });

  it("lets a field that is present but undefined shadow the outer scopes", () => {
    const source = "{{#each items}}{{#if label}}{{label | identifier}}{{else}}-{{/if}}{{/each}}";
    expect(render(source, { label: "root", items: [{ label: undefined }, {}] })).toBe("-root");
  });

  it("reads dotted paths through null safely, and lists of plain values as `this`", () => {
    const source = "{{#if a.b.c}}yes{{else}}no{{/if}} {{#each xs}}{{this | digits}}{{/each}}";
    expect(render(source, { a: null, xs: ["1", 2] })).toBe("no 12");
    expect(render(source, { a: { b: { c: 1 } }, xs: null })).toBe("yes ");
  });

  it("refuses a non-list in {{#each}}", () => {
    expect(() => render("{{#each xs}}{{/each}}", { xs: "abc" })).toThrow("{{#each xs}} is not a list");
  });

  it.each([
    ["{{v | yesno}}", "yes", "yesno"],
    ["{{v | int}}", -1, "int"],
    ["{{v | int}}", 1_000_000, "int"],
    ["{{v | int}}", 1.5, "int"],
    ["{{v | extensionNumber}}", "12;3", "extensionNumber"],
    ["{{v | list:codec}}", [], "list:codec"],
    ["{{v | list:codec}}", ["ulaw", "alaw\nallow=all"], "list:codec"],
  ])("%s refuses %j", (source, v, guard) => {
    const e = guardError(source, { v });
    expect(e.guard).toBe(guard);
    expect(e.field).toBe("v");
    expect(e.value).toEqual(v);
  });

  it("formats what passes the guards", () => {
    const source = "{{a | yesno}} {{b | int}} {{c | extensionNumber}} {{d | list:codec}}";
    expect(render(source, { a: false, b: 0, c: 1001, d: ["ulaw", "g722"] })).toBe("no 0 1001 ulaw,g722");
  });

  it("names the nearest object with a __source in a guard error", () => {
    const source = "{{#each exts}}{{#each codecs}}{{this | codec}}{{/each}}{{/each}}";
    const e = guardError(source, { __source: "root", exts: [{ __source: "extension:7", codecs: ["x"] }] });
    expect(e.source).toBe("extension:7");
    expect(e.message).toContain("fails the codec allowlist");
  });

  it("keeps a template's paths and text out of the generated code", () => {
    const path = 'a"]);throw new Error("injected");//';
    // biome-ignore lint/suspicious/noTemplateCurlyInString: literal template text that must survive as is
    expect(render(`"\\n{{${path} | digits}}\`\${x}`, { [path]: "42" })).toBe('"\\n42`${x}');
  });

  it.each([
    ["{{v}}", "needs a guard"],
    ["{{v | nope}}", 'unknown guard "nope"'],
    ["{{#each xs}}", "unclosed {{#each}}"],
    ["{{#if x}}{{/each}}", "unexpected {{/each}}"],
    ["{{else}}", "{{else}} outside {{#if}}"],
  ])("refuses the template %s", (source, message) => {
    expect(() => compileTemplate("t.conf", source)).toThrow(message);
  });
});
