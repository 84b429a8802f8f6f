import { describe, expect, it } from "vitest";
import {
  iceResult,
  microphoneFailure,
  microphoneResult,
  overallVerdict,
  summarizeIceServers,
  wsResult,
} from "./phone-check";

describe("microphone", () => {
  it("names the fix for each getUserMedia failure", () => {
    expect(microphoneFailure("NotAllowedError")).toMatchObject({
      status: "fail",
      fix: expect.stringMatching(/^Allow the microphone in the address bar/),
    });
    expect(microphoneFailure("NotFoundError").fix).toMatch(/Plug in a headset/);
    expect(microphoneFailure("NotReadableError").fix).toMatch(/Another application/);
    expect(microphoneFailure("InsecureContext").fix).toMatch(/https:\/\//);
    expect(microphoneFailure("AbortError")).toMatchObject({
      status: "fail",
      summary: expect.stringMatching(/AbortError/),
    });
  });

  it("passes with sound, warns when the meter stayed flat", () => {
    expect(microphoneResult(0.2).status).toBe("ok");
    expect(microphoneResult(0.001)).toMatchObject({ status: "warn", fix: expect.stringMatching(/unmute/) });
  });
});

describe("SIP WebSocket", () => {
  it("fails without a URL and points to Settings", () => {
    expect(wsResult(null, "http:", null)).toMatchObject({
      status: "fail",
      fix: expect.stringMatching(/Settings/),
    });
  });

  it("blocks ws:// from an https page without trying", () => {
    const r = wsResult("ws://pbx.example.com:8088/ws", "https:", null);
    expect(r).toMatchObject({
      status: "fail",
      fix: expect.stringMatching(/wss:\/\/pbx\.example\.com:8089\/ws/),
    });
  });

  it("reports the time of a good handshake, and warns when 'sip' wasn't agreed", () => {
    expect(wsResult("ws://127.0.0.1:8088/ws", "http:", { kind: "open", ms: 12, protocol: "sip" })).toEqual({
      status: "ok",
      summary: "Connected to ws://127.0.0.1:8088/ws in 12 ms.",
      fix: null,
    });
    expect(wsResult("ws://127.0.0.1:8088/ws", "http:", { kind: "open", ms: 12, protocol: "" }).status).toBe(
      "warn",
    );
  });

  it("blames the certificate for a failed wss:// handshake and links the https page to open", () => {
    const r = wsResult("wss://pbx.example.com:8089/ws", "https:", {
      kind: "closed",
      ms: 40,
      code: 1006,
      reason: "",
    });
    expect(r.status).toBe("fail");
    expect(r.summary).toBe(
      "Could not connect to wss://pbx.example.com:8089/ws (failed after 40 ms, code 1006).",
    );
    expect(r.fix).toMatch(
      /certificate is probably not trusted by this browser: open https:\/\/pbx\.example\.com:8089\/ once/,
    );
  });

  it("points a refused ws:// at Asterisk's HTTP server and the port; a timeout at the firewall", () => {
    const refused = wsResult("ws://127.0.0.1:9/ws", "http:", {
      kind: "closed",
      ms: 3,
      code: 1006,
      reason: "",
    });
    expect(refused.fix).toMatch(/http\.conf.*TCP 9/);
    const timeout = wsResult("ws://10.0.0.5/ws", "http:", { kind: "timeout", ms: 5000 });
    expect(timeout).toMatchObject({ status: "fail", fix: expect.stringMatching(/firewall.*TCP 80/) });
  });
});

describe("ICE", () => {
  const stunOnly = summarizeIceServers([{ urls: ["stun:stun.example.com:3478"] }]);
  const withTurn = summarizeIceServers([
    { urls: "stun:stun.example.com" },
    { urls: ["turn:turn.example.com:3478", "turns:turn.example.com:5349"] },
  ]);

  it("counts STUN and TURN URLs", () => {
    expect(stunOnly).toEqual({ stun: 1, turn: 0 });
    expect(withTurn).toEqual({ stun: 1, turn: 2 });
  });

  it("fails without relay candidates when TURN is configured", () => {
    const r = iceResult(withTurn, new Set(["host", "srflx"]), "complete");
    expect(r).toMatchObject({
      status: "fail",
      summary: "Found host, srflx.",
      fix: expect.stringMatching(/^No relay candidates: check the TURN URL, user and password/),
    });
    expect(iceResult(withTurn, new Set(["host", "srflx", "relay"]), "complete").status).toBe("ok");
  });

  it("warns when STUN gave no public address, and when nothing is configured", () => {
    expect(iceResult(stunOnly, new Set(["host"]), "timeout")).toMatchObject({
      status: "warn",
      summary: "Found host (stopped after 8 s).",
    });
    expect(iceResult(stunOnly, new Set(["host", "srflx"]), "complete").status).toBe("ok");
    expect(iceResult({ stun: 0, turn: 0 }, new Set(["host"]), "complete")).toMatchObject({
      status: "warn",
      fix: expect.stringMatching(/same network as Asterisk/),
    });
  });

  it("fails with no candidates at all, or an error", () => {
    expect(iceResult(stunOnly, new Set(), "timeout").status).toBe("fail");
    expect(iceResult(stunOnly, new Set(), "complete", "boom").summary).toBe("ICE gathering failed: boom");
  });
});

describe("overallVerdict", () => {
  const ok = { status: "ok" as const, summary: "", fix: null };
  const warn = { status: "warn" as const, summary: "", fix: "x" };
  const fail = { status: "fail" as const, summary: "", fix: "y" };

  it("takes the worst status", () => {
    expect(overallVerdict([ok, ok, ok]).headline).toMatch(/^Ready for calls: /);
    expect(overallVerdict([ok, warn, ok])).toEqual({
      status: "warn",
      headline: "Ready for calls, with 1 warning worth fixing.",
    });
    expect(overallVerdict([fail, warn, fail])).toEqual({
      status: "fail",
      headline: "Not ready for calls: 2 checks failed. Fix them as shown and re-run.",
    });
  });
});
