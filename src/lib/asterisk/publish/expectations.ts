import type { ConfigFile } from "../compiler/render";

/**
 * What Asterisk must show after loading a set of rendered files, read back from the files
 * themselves. Because it comes from the files and not from the database, the same check serves
 * an apply, a rollback to an old revision, and the restore after a failed apply.
 */
export type Expectations = {
  endpoints: Set<string>;
  /** endpoint → its SB_FP fingerprint, as rendered. */
  fingerprints: Map<string, string>;
  queues: Set<string>;
  /** context → extension names (hints included). */
  contexts: Map<string, Set<string>>;
};

/**
 * With `changed`, only the parts an apply verifies when those files change are read (the others
 * come back empty): reading a 5 MB dialplan to verify one changed endpoint was most of the verify.
 */
export function expectationsFrom(
  files: Map<ConfigFile, string | null>,
  changed?: readonly ConfigFile[],
): Expectations {
  const reads = (f: ConfigFile) => !changed || changed.includes(f);
  // Extensions and trunks are both pjsip endpoints, verified the same way.
  const pjsip =
    reads("pjsip_endpoints.conf") || reads("pjsip_trunks.conf")
      ? pjsipEndpoints(`${files.get("pjsip_endpoints.conf") ?? ""}\n${files.get("pjsip_trunks.conf") ?? ""}`)
      : new Map<string, string | undefined>();
  return {
    endpoints: new Set(pjsip.keys()),
    fingerprints: new Map([...pjsip].filter((e): e is [string, string] => e[1] !== undefined)),
    queues: reads("queues_switchboard.conf")
      ? sections(files.get("queues_switchboard.conf") ?? "")
      : new Set(),
    contexts: reads("extensions_switchboard.conf")
      ? dialplan(files.get("extensions_switchboard.conf") ?? "")
      : new Map(),
  };
}

// One pass of a global regex per file rather than a split and regexes per line (these files run to
// 100,000s of lines): 2–3 times faster. A line is what `^…$` delimit in multiline mode, which also
// breaks at \r, U+2028 and U+2029; rendered files hold none inside a line.
const PJSIP_LINE =
  /^(?:\[([^\]\n]+)\]|[^\S\n]*type=endpoint[^\S\n]*$|[^\S\n]*set_var=SB_FP=([0-9a-f]+)[^\S\n]*$)/gm;
const SECTION = /^\[([^\]\n]+)\]/gm;
const DIALPLAN_LINE = /^(?:\[([^\]\n]+)\]|exten[^\S\n]*=>[^\S\n]*([^,\n]+),)/gm;

/** endpoint name → fingerprint (undefined for endpoints without one). */
function pjsipEndpoints(text: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  let section: string | undefined;
  let isEndpoint = false;
  for (const [, head, fingerprint] of text.matchAll(PJSIP_LINE)) {
    if (head !== undefined) {
      section = head;
      isEndpoint = false;
    } else if (section && fingerprint === undefined) {
      isEndpoint = true; // a type=endpoint line
      out.set(section, undefined);
    } else if (section && isEndpoint) out.set(section, fingerprint);
  }
  return out;
}

function sections(text: string): Set<string> {
  return new Set(Array.from(text.matchAll(SECTION), (m) => m[1]!));
}

function dialplan(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  let context: Set<string> | undefined;
  for (const [, head, exten] of text.matchAll(DIALPLAN_LINE)) {
    if (head !== undefined) {
      context = new Set();
      out.set(head, context);
    } else if (context) context.add(exten!.trim());
  }
  return out;
}
