import { describe, expect, it } from "vitest";
import { AmiError } from "./ami-error";
import { headerValue } from "./message";
import { type AmiFrame, AmiMessageParser } from "./message-parser";
import { loadTranscript, recvByConnection, splitHeaders, TRANSCRIPT_NAMES } from "./testing/transcript";

describe("AmiMessageParser on the recorded Asterisk 22 transcripts", () => {
  it("has every transcript to test", () => {
    expect(TRANSCRIPT_NAMES).toHaveLength(20);
  });

  describe.each(TRANSCRIPT_NAMES)("%s", (name) => {
    const connections = recvByConnection(loadTranscript(name));

    it.each([
      [1, 64],
      [2, 1500],
      [3, 16_384],
    ])(
      "re-chunked at random offsets (seed %i, chunks up to %i bytes) gives the recorder's split",
      (seed, maxChunk) => {
        const random = mulberry32(seed);
        for (const recorded of connections) {
          const parser = new AmiMessageParser();
          const frames: AmiFrame[] = [];
          for (const chunk of chunkAtRandom(Buffer.from(recorded.join(""), "utf8"), maxChunk, random)) {
            frames.push(...parser.push(chunk));
          }
          expect(frames.map((f) => f.raw)).toEqual(recorded);
          expect(frames[0]).toMatchObject({ kind: "banner", version: "11.0.0" });
          for (const [i, frame] of frames.entries()) {
            if (frame.kind === "message")
              expect(frame.message.headers).toEqual(splitHeaders(recorded[i] ?? ""));
          }
        }
      },
    );
  });

  it.each([
    ["00-login-failure", "end-PJSIPShowContacts", "No Contacts found\n"],
    ["02-register-unregister", "start-PJSIPShowContacts", "No Contacts found\n"],
    ["12-park-unpark", "park-1001", "Park successful\n"],
  ])("keeps the bare LF inside Message: in %s (%s), even fed byte by byte", (name, actionId, message) => {
    const stream = recvByConnection(loadTranscript(name)).at(-1)?.join("") ?? "";
    const parser = new AmiMessageParser();
    const frames = [...Buffer.from(stream)].flatMap((byte) => parser.push(Buffer.from([byte])));
    const reply = frames.find((f) => f.kind === "message" && f.message.actionId === actionId);
    expect(reply?.kind === "message" && reply.message.fields.Message).toBe(message);
    expect(reply?.kind === "message" && reply.message.headers).toHaveLength(3);
    // A reader that ends messages at \r?\n\r?\n would have produced one more (empty) message.
    expect(frames.filter((f) => f.kind === "message" && f.message.headers.length <= 1)).toEqual([]);
  });

  it("types a message by its first header: events that carry Response: stay events", () => {
    const raws = [
      ...recvByConnection(loadTranscript("16-originate-click-to-call"))[0]!,
      ...recvByConnection(loadTranscript("02-register-unregister"))[0]!,
    ];
    const parser = new AmiMessageParser();
    const messages = parser.push(raws.join("")).flatMap((f) => (f.kind === "message" ? [f.message] : []));
    const originate = messages.find((m) => m.type === "event" && m.event === "OriginateResponse");
    expect(originate).toMatchObject({ type: "event", actionId: "click2call-1001-1002" });
    expect(originate && headerValue(originate, "response")).toBe("Success");
    const challenge = messages.find((m) => m.type === "event" && m.event === "ChallengeResponseFailed");
    expect(challenge?.fields.Response).toMatch(/^[0-9a-f]{32}$/);
    expect(messages.filter((m) => m.type === "response").every((m) => m.headers[0]?.[0] === "Response")).toBe(
      true,
    );
  });
});

describe("AmiMessageParser framing", () => {
  it("reads the banner as one line, with or without the next message in the same chunk", () => {
    const whole = new AmiMessageParser().push("Asterisk Call Manager/11.0.0\r\nEvent: FullyBooted\r\n\r\n");
    expect(whole.map((f) => f.kind)).toEqual(["banner", "message"]);

    const parser = new AmiMessageParser();
    expect(parser.push("Asterisk Call Man")).toEqual([]);
    expect(parser.push("ager/11.0.0\r")).toEqual([]);
    expect(parser.push("\n")).toEqual([
      { kind: "banner", raw: "Asterisk Call Manager/11.0.0\r\n", version: "11.0.0" },
    ]);
  });

  it("keeps repeated keys (ChanVariable) in order, values with ': ' and empty values", () => {
    const [frame] = new AmiMessageParser({ banner: false }).push(
      "Event: Newchannel\r\nChanVariable: A=1\r\nChanVariable: B=2\r\nCallerIDName: a: b\r\nHint: \r\n\r\n",
    );
    expect(frame?.kind === "message" && frame.message).toMatchObject({
      type: "event",
      event: "Newchannel",
      headers: [
        ["Event", "Newchannel"],
        ["ChanVariable", "A=1"],
        ["ChanVariable", "B=2"],
        ["CallerIDName", "a: b"],
        ["Hint", ""],
      ],
      fields: { ChanVariable: "A=1", CallerIDName: "a: b", Hint: "" },
    });
  });

  it("decodes a UTF-8 character cut between two chunks", () => {
    const bytes = Buffer.from("Event: Newchannel\r\nCallerIDName: Zoë Ørsted\r\n\r\n", "utf8");
    const cut = bytes.indexOf(Buffer.from("ë")) + 1;
    const parser = new AmiMessageParser({ banner: false });
    const frames = [...parser.push(bytes.subarray(0, cut)), ...parser.push(bytes.subarray(cut))];
    expect(frames[0]?.kind === "message" && frames[0].message.fields.CallerIDName).toBe("Zoë Ørsted");
  });

  it("refuses a peer that is not AMI, and a message that never ends", () => {
    expect(() => new AmiMessageParser().push("HTTP/1.1 400 Bad Request\r\n")).toThrow(
      expect.objectContaining({ code: "unavailable:ami_protocol" }),
    );
    const parser = new AmiMessageParser({ banner: false, maxMessageBytes: 64 });
    expect(() => parser.push(`Event: X\r\nData: ${"x".repeat(100)}`)).toThrow(AmiError);
  });
});

/** Splits `bytes` into chunks of 1..maxChunk bytes at offsets drawn from `random`. */
function chunkAtRandom(bytes: Buffer, maxChunk: number, random: () => number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(random() * maxChunk);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

/** A small seeded PRNG, so a failing chunking can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
