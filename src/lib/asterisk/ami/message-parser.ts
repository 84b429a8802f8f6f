import { AmiError } from "./ami-error";
import { type AmiHeader, type AmiMessage, toAmiMessage } from "./message";

/** What one connection's byte stream turns into: first the banner, then messages. */
export type AmiFrame =
  | { kind: "banner"; raw: string; version: string }
  | { kind: "message"; raw: string; message: AmiMessage };

export type AmiMessageParserOptions = {
  /** Whether the stream starts with the `Asterisk Call Manager/x.y.z` line. Default true. */
  banner?: boolean;
  /** A message that grows past this without ending is not AMI; guards memory. Default 8 MiB. */
  maxMessageBytes?: number;
};

const BANNER_PREFIX = "Asterisk Call Manager/";
const LINE_END = Buffer.from("\r\n");
const MESSAGE_END = Buffer.from("\r\n\r\n");

/**
 * Streaming AMI parser for one TCP connection; feed it chunks cut anywhere.
 *
 * This replaces asterisk-manager's reader, which splits lines on `/\r?\n/` and ends a message at
 * the first empty line. Asterisk 22 puts a bare LF at the end of some values
 * (`Message: Park successful\n\r\n`, `Message: No Contacts found\n\r\n`), so that reader cuts the
 * message early and emits an extra empty one. Here lines split on CRLF only and a message ends at
 * the first CRLF CRLF; a bare LF stays inside its value, exactly as sent.
 *
 * The banner is a single CRLF-terminated line with no blank line after it, so it is read as a
 * line of its own before message splitting starts. Splitting works on bytes, not strings: CR and
 * LF never occur inside a multi-byte UTF-8 sequence, so a chunk cut mid-character decodes intact.
 */
export class AmiMessageParser {
  private buffer: Buffer = Buffer.alloc(0);
  private scanFrom = 0;
  private expectBanner: boolean;
  private readonly maxMessageBytes: number;

  constructor(options: AmiMessageParserOptions = {}) {
    this.expectBanner = options.banner ?? true;
    this.maxMessageBytes = options.maxMessageBytes ?? 8 * 1024 * 1024;
  }

  /** Returns every frame completed by `chunk`; throws `unavailable:ami_protocol` on a non-AMI stream. */
  push(chunk: Buffer | string): AmiFrame[] {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    this.buffer = this.buffer.length === 0 ? bytes : Buffer.concat([this.buffer, bytes]);
    const frames: AmiFrame[] = [];
    let start = 0;

    if (this.expectBanner) {
      const end = this.buffer.indexOf(LINE_END);
      if (end === -1) {
        this.checkSize(this.buffer.length);
        return frames;
      }
      const raw = this.buffer.toString("utf8", 0, end + LINE_END.length);
      if (!raw.startsWith(BANNER_PREFIX)) {
        throw new AmiError(
          "unavailable:ami_protocol",
          `The server did not greet as AMI: ${JSON.stringify(raw.slice(0, 60))}`,
        );
      }
      frames.push({ kind: "banner", raw, version: raw.slice(BANNER_PREFIX.length, end) });
      this.expectBanner = false;
      start = end + LINE_END.length;
      this.scanFrom = start;
    }

    for (;;) {
      const end = this.buffer.indexOf(MESSAGE_END, this.scanFrom);
      if (end === -1) break;
      const raw = this.buffer.toString("utf8", start, end + MESSAGE_END.length);
      frames.push({ kind: "message", raw, message: toAmiMessage(parseHeaders(raw)) });
      start = end + MESSAGE_END.length;
      this.scanFrom = start;
    }

    this.buffer = this.buffer.subarray(start);
    // The terminator may straddle this chunk and the next: rescan its last three bytes.
    this.scanFrom = Math.max(0, this.buffer.length - (MESSAGE_END.length - 1));
    this.checkSize(this.buffer.length);
    return frames;
  }

  private checkSize(pending: number) {
    if (pending > this.maxMessageBytes) {
      throw new AmiError("unavailable:ami_protocol", `An AMI message exceeded ${this.maxMessageBytes} bytes`);
    }
  }
}

/**
 * `Key: Value` lines; the value is everything after the first colon minus one following space,
 * so `Hint: ` is an empty value and a value may itself contain ": ". A line without a colon
 * (never seen from Asterisk 22) is kept whole as a value under the key "".
 */
function parseHeaders(raw: string): AmiHeader[] {
  // One pass over the message, without the intermediate array of lines (`split("\r\n")`).
  const end = raw.length - MESSAGE_END.length;
  const headers: AmiHeader[] = [];
  let start = 0;
  for (;;) {
    let eol = raw.indexOf("\r\n", start);
    if (eol === -1 || eol > end) eol = end;
    const colon = raw.indexOf(":", start);
    if (colon === -1 || colon >= eol) headers.push(["", raw.slice(start, eol)]);
    else {
      const from = raw.charCodeAt(colon + 1) === 0x20 && colon + 1 < eol ? colon + 2 : colon + 1;
      headers.push([raw.slice(start, colon), raw.slice(from, eol)]);
    }
    if (eol >= end) return headers;
    start = eol + 2;
  }
}
