import type { WsOutcome } from "@/lib/softphone/phone-check";

/** What GET /api/softphone/check-config answers. */
export type CheckConfig = { wsUrl: string | null; iceServers: RTCIceServer[] };

/** The phone's connection settings, from the authenticated route (never from the page's HTML). */
export async function fetchCheckConfig(): Promise<CheckConfig> {
  const res = await fetch("/api/softphone/check-config", { cache: "no-store", credentials: "same-origin" });
  const body = (await res.json().catch(() => null)) as
    | (CheckConfig & { error?: undefined })
    | { error: { message: string } }
    | null;
  if (!res.ok || !body || body.error) {
    throw new Error(body?.error?.message ?? `The server answered ${res.status}.`);
  }
  return { wsUrl: body.wsUrl, iceServers: body.iceServers };
}

/**
 * Opens a WebSocket with the "sip" subprotocol, as SIP.js does, and closes it as soon as it
 * opens. Resolves with how it went and how long it took; never rejects.
 */
export function probeWebSocket(url: string, timeoutMs: number): Promise<WsOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, "sip");
    } catch (error) {
      resolve({ kind: "invalid", message: error instanceof Error ? error.message : String(error) });
      return;
    }
    let settled = false;
    const settle = (outcome: WsOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      settle({ kind: "timeout", ms: elapsed() });
      socket.close();
    }, timeoutMs);
    socket.onopen = () => {
      settle({ kind: "open", ms: elapsed(), protocol: socket.protocol });
      socket.close(1000, "check done");
    };
    socket.onclose = (event) =>
      settle({ kind: "closed", ms: elapsed(), code: event.code, reason: event.reason });
  });
}

export type Gathered = { found: Set<string>; ended: "complete" | "timeout"; error?: string };

/**
 * Gathers ICE candidates with the configured servers (a data channel gives the offer something
 * to negotiate, so no microphone is needed) until gathering completes or `timeoutMs` passes.
 */
export async function gatherCandidates(iceServers: RTCIceServer[], timeoutMs: number): Promise<Gathered> {
  const found = new Set<string>();
  let pc: RTCPeerConnection;
  try {
    pc = new RTCPeerConnection({ iceServers, iceCandidatePoolSize: 0 });
  } catch (error) {
    return { found, ended: "complete", error: error instanceof Error ? error.message : String(error) };
  }
  try {
    const ended = await new Promise<"complete" | "timeout">((resolve, reject) => {
      const timer = setTimeout(() => resolve("timeout"), timeoutMs);
      pc.onicecandidate = (event) => {
        if (!event.candidate) {
          clearTimeout(timer);
          resolve("complete");
          return;
        }
        const type = event.candidate.type ?? / typ ([a-z]+)/.exec(event.candidate.candidate)?.[1];
        if (type) found.add(type);
      };
      pc.createDataChannel("check");
      pc.createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .catch(reject);
    });
    return { found, ended };
  } catch (error) {
    return { found, ended: "complete", error: error instanceof Error ? error.message : String(error) };
  } finally {
    pc.close();
  }
}

/**
 * The microphone and its level: getUserMedia, then an AnalyserNode read on every animation
 * frame. `onLevel` gets the RMS level (0–1) of each frame; `peak` is the loudest seen.
 */
export class MicrophoneMeter {
  peak = 0;
  private stream: MediaStream | null = null;
  private context: AudioContext | null = null;
  private frame = 0;

  constructor(private readonly onLevel: (level: number) => void) {}

  /** Asks for the microphone; rejects with getUserMedia's DOMException (its `name` says why). */
  async start(): Promise<{ suspended: boolean; label: string }> {
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
      throw new DOMException("The page is not a secure context.", "InsecureContext");
    }
    this.stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    const context = new AudioContext();
    this.context = context;
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(this.stream).connect(analyser);
    // Without a user gesture the context may start suspended; Re-run checks is one.
    await context.resume().catch(() => {});
    const samples = new Float32Array(analyser.fftSize);
    const read = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      const level = Math.min(1, Math.sqrt(sum / samples.length));
      this.peak = Math.max(this.peak, level);
      this.onLevel(level);
      this.frame = requestAnimationFrame(read);
    };
    read();
    return {
      suspended: context.state !== "running",
      label: this.stream.getAudioTracks()[0]?.label ?? "",
    };
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    void this.context?.close().catch(() => {});
    this.stream = null;
    this.context = null;
  }
}
