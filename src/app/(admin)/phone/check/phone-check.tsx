"use client";

import { CircleCheck, CircleX, LoaderCircle, RefreshCw, TriangleAlert } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  type CheckResult,
  type CheckStatus,
  ICE_TIMEOUT_MS,
  iceResult,
  microphoneFailure,
  microphoneResult,
  overallVerdict,
  summarizeIceServers,
  WS_TIMEOUT_MS,
  wsResult,
} from "@/lib/softphone/phone-check";
import { fetchCheckConfig, gatherCandidates, MicrophoneMeter, probeWebSocket } from "./run-checks";

type Check = "microphone" | "websocket" | "ice";
type Row = { label: string; result: CheckResult | null };

const TITLES: Record<Check, string> = {
  microphone: "Microphone",
  websocket: "SIP WebSocket",
  ice: "Network (STUN/TURN)",
};

/** How long the microphone listens for sound before its verdict. */
const LISTEN_MS = 2_500;

/**
 * The pre-call check: microphone permission with a live level meter, the SIP WebSocket, and ICE
 * candidate gathering, each with a verdict and a specific fix, then one overall verdict. The
 * settings come from GET /api/softphone/check-config. The checks run on load and on Re-run.
 */
export function PhoneCheck() {
  const [rows, setRows] = useState<Record<Check, Row>>(initialRows);
  const [percent, setPercent] = useState(0);
  const [running, setRunning] = useState(false);
  const [configError, setConfigError] = useState<string | null>(null);
  const [details, setDetails] = useState<{ wsUrl: string | null; micLabel: string } | null>(null);
  const meter = useRef<MicrophoneMeter | null>(null);
  const runId = useRef(0);

  const run = useCallback(async () => {
    const id = ++runId.current;
    const current = () => id === runId.current;
    meter.current?.stop();
    setRunning(true);
    setConfigError(null);
    setRows(initialRows());
    setPercent(0);
    const set = (check: Check, result: CheckResult) => {
      if (current()) setRows((r) => ({ ...r, [check]: { ...r[check], result } }));
    };

    // Whole percents: React skips the frames where the meter doesn't move.
    const micMeter = new MicrophoneMeter((l) => current() && setPercent(meterPercent(l)));
    meter.current = micMeter;
    const microphone = (async () => {
      try {
        const { label } = await micMeter.start();
        if (current()) setDetails((d) => ({ wsUrl: d?.wsUrl ?? null, micLabel: label }));
        await sleep(LISTEN_MS);
        set("microphone", microphoneResult(micMeter.peak));
      } catch (error) {
        set("microphone", microphoneFailure(error instanceof DOMException ? error.name : ""));
      }
    })();

    let config: Awaited<ReturnType<typeof fetchCheckConfig>>;
    try {
      config = await fetchCheckConfig();
    } catch (error) {
      if (current()) {
        setConfigError(error instanceof Error ? error.message : String(error));
        const why: CheckResult = {
          status: "fail",
          summary: "The phone settings could not be loaded.",
          fix: "Reload the page (your session may have ended) and sign in again.",
        };
        set("websocket", why);
        set("ice", why);
      }
      await microphone;
      if (current()) setRunning(false);
      return;
    }
    if (current()) setDetails((d) => ({ micLabel: d?.micLabel ?? "", wsUrl: config.wsUrl }));

    const websocket = (async () => {
      const url = config.wsUrl;
      const blocked = wsResult(url, location.protocol, null);
      // No URL, or ws:// from an https page: the verdict needs no connection attempt.
      if (!url || (location.protocol === "https:" && url.startsWith("ws:"))) return set("websocket", blocked);
      set("websocket", wsResult(url, location.protocol, await probeWebSocket(url, WS_TIMEOUT_MS)));
    })();
    const ice = (async () => {
      const gathered = await gatherCandidates(config.iceServers, ICE_TIMEOUT_MS);
      set(
        "ice",
        iceResult(summarizeIceServers(config.iceServers), gathered.found, gathered.ended, gathered.error),
      );
    })();
    await Promise.all([microphone, websocket, ice]);
    if (current()) setRunning(false);
  }, []);

  useEffect(() => {
    void run();
    return () => {
      runId.current += 1;
      meter.current?.stop();
    };
  }, [run]);

  const results = Object.values(rows).map((r) => r.result);
  const done = results.every((r): r is CheckResult => r !== null);
  const verdict = done ? overallVerdict(results) : null;

  return (
    <div className="max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className="btn-primary inline-flex items-center gap-2"
          onClick={() => void run()}
          disabled={running}
        >
          <RefreshCw className={`size-4 ${running ? "motion-safe:animate-spin" : ""}`} aria-hidden />
          Re-run checks
        </button>
        <p role="status" aria-live="polite" className="text-sm text-slate-500 dark:text-slate-400">
          {running ? "Checking…" : done ? "Checks finished." : ""}
        </p>
      </div>

      {configError && (
        <p
          role="alert"
          className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:border-rose-900 dark:bg-rose-950/50 dark:text-rose-300"
        >
          {configError}
        </p>
      )}

      <section
        aria-labelledby="verdict-heading"
        className="card p-4"
        data-testid="phone-check-verdict"
        data-status={verdict?.status ?? "running"}
      >
        <h2
          id="verdict-heading"
          className="text-sm font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400"
        >
          Verdict
        </h2>
        <p className="mt-1 flex items-center gap-2 text-base font-medium">
          {verdict ? (
            <StatusIcon status={verdict.status} />
          ) : (
            <LoaderCircle className="size-5 motion-safe:animate-spin" aria-hidden />
          )}
          {verdict ? verdict.headline : "Running the checks…"}
        </p>
      </section>

      <ul className="space-y-3" aria-label="Checks">
        {(Object.keys(rows) as Check[]).map((check) => (
          <li
            key={check}
            className="card space-y-2 p-4"
            data-check={check}
            data-status={rows[check].result?.status ?? "running"}
          >
            <h3 className="flex items-center gap-2 font-semibold">
              {rows[check].result ? (
                <StatusIcon status={rows[check].result.status} />
              ) : (
                <LoaderCircle className="size-5 motion-safe:animate-spin" aria-hidden />
              )}
              {rows[check].label}
              <span className="sr-only">
                : {rows[check].result ? STATUS_WORDS[rows[check].result.status] : "checking"}
              </span>
            </h3>
            {check === "microphone" && (
              <div className="space-y-1">
                {/* biome-ignore lint/a11y/useSemanticElements: <meter>'s bar can't be styled alike across browsers; the role gives the same semantics */}
                <div
                  role="meter"
                  aria-label="Microphone level"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={percent}
                  aria-valuetext={`${percent}%`}
                  className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
                >
                  <div
                    className="h-full bg-teal-500 transition-[width] duration-75"
                    style={{ width: `${percent}%` }}
                  />
                </div>
                {details?.micLabel && (
                  <p className="text-xs text-slate-500 dark:text-slate-400">Input: {details.micLabel}</p>
                )}
              </div>
            )}
            {check === "websocket" && details?.wsUrl && (
              <p className="font-mono text-xs break-all text-slate-500 dark:text-slate-400">
                {details.wsUrl}
              </p>
            )}
            {rows[check].result && (
              <>
                <p className="text-sm">{rows[check].result.summary}</p>
                {rows[check].result.fix && (
                  <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
                    <span className="font-semibold">Fix: </span>
                    {rows[check].result.fix}
                  </p>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

const STATUS_WORDS: Record<CheckStatus, string> = { ok: "passed", warn: "warning", fail: "failed" };

function StatusIcon({ status }: { status: CheckStatus }) {
  if (status === "ok") return <CircleCheck className="size-5 text-teal-600" aria-hidden />;
  if (status === "warn") return <TriangleAlert className="size-5 text-amber-600" aria-hidden />;
  return <CircleX className="size-5 text-rose-600" aria-hidden />;
}

function initialRows(): Record<Check, Row> {
  return {
    microphone: { label: TITLES.microphone, result: null },
    websocket: { label: TITLES.websocket, result: null },
    ice: { label: TITLES.ice, result: null },
  };
}

/** RMS level → a meter position on a decibel scale: −60 dBFS and below is 0, 0 dBFS is 100. */
function meterPercent(rms: number): number {
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.max(0, Math.min(100, Math.round(((db + 60) / 60) * 100)));
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
