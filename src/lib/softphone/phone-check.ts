/**
 * The pre-call check's verdicts: what each probe's outcome means and the specific fix to show.
 * Pure (no DOM), so the wording is tested once; the probes themselves run in the browser
 * (src/app/(admin)/phone/check/run-checks.ts).
 */

export type CheckStatus = "ok" | "warn" | "fail";

export type CheckResult = {
  status: CheckStatus;
  /** What was found, in one line ("Connected in 12 ms", "Found host, srflx"). */
  summary: string;
  /** What to do about a warn or fail; null when there is nothing to do. */
  fix: string | null;
};

/** How long each probe may take before it counts as failed. */
export const WS_TIMEOUT_MS = 5_000;
export const ICE_TIMEOUT_MS = 8_000;

/** getUserMedia's DOMException names → the fix. */
export function microphoneFailure(errorName: string): CheckResult {
  switch (errorName) {
    case "NotAllowedError":
    case "PermissionDeniedError":
      return fail(
        "Microphone access was refused.",
        "Allow the microphone in the address bar (the camera/microphone icon, or the lock icon → Site settings), then press Re-run checks.",
      );
    case "NotFoundError":
    case "DevicesNotFoundError":
      return fail(
        "No microphone was found.",
        "Plug in a headset or microphone (or enable it in your system's sound settings), then press Re-run checks.",
      );
    case "NotReadableError":
    case "TrackStartError":
      return fail(
        "The microphone could not be started.",
        "Another application (or the system's privacy settings) is holding the microphone: close other call apps, check the OS microphone permission for the browser, then press Re-run checks.",
      );
    case "OverconstrainedError":
      return fail(
        "The selected microphone cannot record audio.",
        "Pick another input device in your system's sound settings, then press Re-run checks.",
      );
    case "InsecureContext":
    case "SecurityError":
      return fail(
        "The browser doesn't allow the microphone on this page.",
        "Open Switchboard over https:// (browsers only allow the microphone on secure pages), or allow it in the site settings.",
      );
    default:
      return fail(
        `The microphone failed (${errorName || "unknown error"}).`,
        "Reload the page and try again.",
      );
  }
}

/** The microphone works; `peak` (0–1) is the loudest level seen while the check ran. */
export function microphoneResult(peak: number): CheckResult {
  if (peak >= 0.01) return { status: "ok", summary: "Microphone allowed and picking up sound.", fix: null };
  return {
    status: "warn",
    summary: "Microphone allowed, but no sound yet.",
    fix: "Speak into it and watch the meter; if it stays flat, unmute the headset or pick another input in your system's sound settings.",
  };
}

export type WsOutcome =
  | { kind: "open"; ms: number; protocol: string }
  | { kind: "closed"; ms: number; code: number; reason: string }
  | { kind: "timeout"; ms: number }
  | { kind: "invalid"; message: string };

/**
 * The SIP WebSocket probe: a WebSocket opened with the "sip" subprotocol (as SIP.js does).
 * Browsers hide why a handshake failed (always close code 1006), so the fix follows from the
 * URL: wss:// usually means a certificate the browser doesn't trust yet; ws:// from an https
 * page is blocked as mixed content; otherwise nothing answers there.
 */
export function wsResult(url: string | null, pageProtocol: string, outcome: WsOutcome | null): CheckResult {
  if (!url) {
    return fail(
      "No SIP WebSocket URL is configured.",
      "An administrator sets “SIP WebSocket URL (browsers)” in Settings (or SIP_WS_URL), e.g. wss://pbx.example.com:8089/ws.",
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(`The SIP WebSocket URL ${url} is not a valid URL.`, "Correct it in Settings.");
  }
  if (pageProtocol === "https:" && parsed.protocol === "ws:") {
    return fail(
      `${url} is plain ws:// but this page is https://, so the browser blocks it.`,
      `Use wss:// for the SIP WebSocket in Settings (Asterisk's TLS port, usually wss://${parsed.hostname}:8089/ws).`,
    );
  }
  if (outcome === null) return fail("The WebSocket check did not run.", "Press Re-run checks.");
  switch (outcome.kind) {
    case "open":
      if (outcome.protocol !== "sip") {
        return {
          status: "warn",
          summary: `Connected to ${url} in ${outcome.ms} ms, but the server didn't agree to the "sip" subprotocol.`,
          fix: "This is probably not Asterisk's SIP WebSocket: check the path (usually /ws) and that res_pjsip_transport_websocket is loaded.",
        };
      }
      return { status: "ok", summary: `Connected to ${url} in ${outcome.ms} ms.`, fix: null };
    case "invalid":
      return fail(`The browser refused to open ${url}: ${outcome.message}`, "Correct the URL in Settings.");
    case "timeout":
      return fail(
        `No answer from ${url} within ${Math.round(WS_TIMEOUT_MS / 1000)} s.`,
        `A firewall or proxy is dropping the connection: allow ${parsed.host} from this network (TCP ${portOf(parsed)}).`,
      );
    case "closed": {
      const what = `Could not connect to ${url} (failed after ${outcome.ms} ms, code ${outcome.code}${outcome.reason ? `: ${outcome.reason}` : ""}).`;
      if (parsed.protocol === "wss:") {
        const https = `https://${parsed.host}/`;
        return fail(
          what,
          `The wss:// certificate is probably not trusted by this browser: open ${https} once, accept the certificate (or install a trusted one on Asterisk), then press Re-run checks. If that page doesn't load either, Asterisk's TLS port is not reachable.`,
        );
      }
      return fail(
        what,
        `Nothing accepted the WebSocket at ${parsed.host}: check that Asterisk's HTTP server is enabled (http.conf) on that address and port, that the path is right (usually /ws), and that no firewall blocks TCP ${portOf(parsed)}.`,
      );
    }
  }
}

export type IceServerSummary = { stun: number; turn: number };

/** Which STUN and TURN URLs the configured ICE servers hold. */
export function summarizeIceServers(
  servers: readonly { urls: string | readonly string[] }[],
): IceServerSummary {
  let stun = 0;
  let turn = 0;
  for (const server of servers) {
    for (const url of typeof server.urls === "string" ? [server.urls] : server.urls) {
      if (/^turns?:/i.test(url)) turn += 1;
      else if (/^stuns?:/i.test(url)) stun += 1;
    }
  }
  return { stun, turn };
}

/** The candidate types gathering found (host, srflx, prflx, relay) against what was configured. */
export function iceResult(
  servers: IceServerSummary,
  found: ReadonlySet<string>,
  ended: "complete" | "timeout",
  error?: string,
): CheckResult {
  if (error)
    return fail(`ICE gathering failed: ${error}`, "Reload the page; if it persists, try another browser.");
  const list = ["host", "srflx", "prflx", "relay"].filter((t) => found.has(t));
  const summary = `${list.length ? `Found ${list.join(", ")}` : "No candidates"}${ended === "timeout" ? ` (stopped after ${ICE_TIMEOUT_MS / 1000} s)` : ""}.`;
  if (found.size === 0) {
    return fail(
      summary,
      "The browser offered no network address at all: a browser extension or policy may be disabling WebRTC; allow it for this site.",
    );
  }
  if (servers.turn > 0 && !found.has("relay")) {
    return fail(
      summary,
      "No relay candidates: check the TURN URL, user and password in Settings, and that this network can reach the TURN server (UDP/TCP 3478, or TLS 5349 for turns:).",
    );
  }
  if (servers.stun > 0 && !found.has("srflx") && !found.has("relay")) {
    return {
      status: "warn",
      summary,
      fix: "No public address from STUN: UDP to the STUN server is blocked or the server is down. Calls work only where Asterisk can reach this computer directly; configure a TURN server for other networks.",
    };
  }
  if (servers.stun === 0 && servers.turn === 0) {
    return {
      status: "warn",
      summary: `${summary} No STUN or TURN server is configured.`,
      fix: "Fine on the same network as Asterisk. For agents elsewhere, an administrator adds STUN servers (and a TURN server) in Settings.",
    };
  }
  return { status: "ok", summary, fix: null };
}

export type Verdict = { status: CheckStatus; headline: string };

/** One line for the whole check: the worst status wins. */
export function overallVerdict(results: readonly CheckResult[]): Verdict {
  const fails = results.filter((r) => r.status === "fail").length;
  const warns = results.filter((r) => r.status === "warn").length;
  if (fails) {
    return {
      status: "fail",
      headline: `Not ready for calls: ${fails} check${fails > 1 ? "s" : ""} failed. Fix ${fails > 1 ? "them" : "it"} as shown and re-run.`,
    };
  }
  if (warns) {
    return {
      status: "warn",
      headline: `Ready for calls, with ${warns} warning${warns > 1 ? "s" : ""} worth fixing.`,
    };
  }
  return { status: "ok", headline: "Ready for calls: microphone, SIP connection and network all work." };
}

function fail(summary: string, fix: string): CheckResult {
  return { status: "fail", summary, fix };
}

function portOf(url: URL): string {
  return url.port || (url.protocol === "wss:" ? "443" : "80");
}
