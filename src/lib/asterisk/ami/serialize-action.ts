import { AmiError } from "./ami-error";

/** A header value; an array sends the key once per item (`Variable: a=1`, `Variable: b=2`). */
export type AmiHeaderValue = string | number | boolean | readonly (string | number)[] | undefined;

/** An action's headers, without `Action` and `ActionID`, which the client sets itself. */
export type AmiActionHeaders = Readonly<Record<string, AmiHeaderValue>>;

/**
 * Renders one action as it goes on the wire: `Action` first, the headers in the given order,
 * `ActionID` last (the layout the golden transcripts were recorded with), then a blank line.
 *
 * asterisk-manager writes values unchecked, so a caller ID such as `x\r\nAction: Originate`
 * becomes a second action (the CVE-2024-42365 shape). Here any CR, LF or NUL in a key or value
 * throws `bad_request:ami_header` before a byte is written. Keys must look like AMI keys, which
 * also rules out a `:` that would shift the split between key and value.
 */
export function serializeAction(action: string, headers: AmiActionHeaders, actionId: string): string {
  const lines = [line("Action", action), ...headerLines(headers), line("ActionID", actionId)];
  return `${lines.join("\r\n")}\r\n\r\n`;
}

const KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;
const UNSAFE = /[\r\n\0]/;
const RESERVED = new Set(["action", "actionid"]);

function headerLines(headers: AmiActionHeaders): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (RESERVED.has(key.toLowerCase())) {
      throw new AmiError("bad_request:ami_header", `The AMI client sets ${key} itself`);
    }
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) lines.push(line(key, String(v)));
  }
  return lines;
}

function line(key: string, value: string): string {
  if (!KEY.test(key)) {
    throw new AmiError("bad_request:ami_header", `Invalid AMI header name ${JSON.stringify(key)}`);
  }
  if (UNSAFE.test(value)) {
    throw new AmiError("bad_request:ami_header", `The AMI header ${key} contains CR, LF or NUL`);
  }
  return `${key}: ${value}`;
}
