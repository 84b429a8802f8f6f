"use client";

import { useEffect } from "react";

const LOCK = "switchboard-session-watcher";
const CHANNEL = "switchboard-session";

/**
 * Listens for this session being ended elsewhere (disabled, replaced by a new login, password
 * reset) and leaves at once, instead of waiting for the next click to find out.
 *
 * One EventSource per browser, not per tab (HTTP/1.1 allows six connections per host, and the
 * live panel needs one too): the tab holding the Web Lock listens and tells the other tabs over a
 * BroadcastChannel; when it closes, the next tab in line takes the lock and listens instead.
 * Without Web Locks or BroadcastChannel each tab listens for itself.
 */
export function SessionWatcher() {
  useEffect(() => {
    const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(CHANNEL);
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    const abort = new AbortController();
    let source: EventSource | null = null;

    const leave = (reason: string) => {
      source?.close();
      window.location.href = `/login?reason=${encodeURIComponent(reason)}`;
    };
    const listen = () => {
      source = new EventSource("/api/session/events");
      source.addEventListener("revoked", (e) => {
        const reason = parseReason((e as MessageEvent<string>).data);
        channel?.postMessage({ reason });
        leave(reason);
      });
    };

    if (channel)
      channel.onmessage = (e: MessageEvent<{ reason?: string }>) => leave(e.data.reason ?? "ended");
    if (channel && locks) {
      // Held until this tab goes away (abort), so exactly one tab listens at a time.
      locks
        .request(LOCK, { signal: abort.signal }, () => {
          listen();
          return new Promise<void>((resolve) => abort.signal.addEventListener("abort", () => resolve()));
        })
        .catch(() => {});
    } else {
      listen();
    }
    return () => {
      abort.abort();
      source?.close();
      channel?.close();
    };
  }, []);
  return null;
}

function parseReason(data: string): string {
  try {
    return (JSON.parse(data) as { reason?: string }).reason ?? "ended";
  } catch {
    return "ended";
  }
}
