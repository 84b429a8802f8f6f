import type { ConfigFile } from "../compiler/render";

/**
 * What Asterisk must show after loading a set of rendered files, read back from the files
 * themselves. Because it comes from the files and not from the database, the same check serves
 * an apply, a rollback to an old revision, and the restore after a failed apply.
 */
export type Expectations = {
  endpoints: Set<string>;
  queues: Set<string>;
  /** context → extension names (hints included). */
  contexts: Map<string, Set<string>>;
};

export function expectationsFrom(files: Map<ConfigFile, string | null>): Expectations {
  return {
    endpoints: pjsipEndpoints(files.get("pjsip_endpoints.conf") ?? ""),
    queues: sections(files.get("queues_switchboard.conf") ?? ""),
    contexts: dialplan(files.get("extensions_switchboard.conf") ?? ""),
  };
}

function pjsipEndpoints(text: string): Set<string> {
  const out = new Set<string>();
  let section: string | undefined;
  for (const line of text.split("\n")) {
    const head = /^\[([^\]]+)\]/.exec(line);
    if (head) section = head[1];
    else if (section && line.trim() === "type=endpoint") out.add(section);
  }
  return out;
}

function sections(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split("\n")) {
    const head = /^\[([^\]]+)\]/.exec(line);
    if (head?.[1]) out.add(head[1]);
  }
  return out;
}

function dialplan(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  let context: Set<string> | undefined;
  for (const line of text.split("\n")) {
    const head = /^\[([^\]]+)\]/.exec(line);
    if (head?.[1]) {
      context = new Set();
      out.set(head[1], context);
      continue;
    }
    const exten = /^exten\s*=>\s*([^,]+),/.exec(line);
    if (exten?.[1] && context) context.add(exten[1].trim());
  }
  return out;
}
