"use client";

import { useEffect } from "react";

const LOCK = "switchboard-session-watcher";
const CHANNEL = "switchboard-session";

/** Fired on `window` in every tab when the user's agent inbox changed (see AgentWidget). */
export const INBOX_EVENT = "switchboard:inbox";
export type InboxTopic = "wrapup" | "callbacks";

type TabMessage = { t: "revoked"; reason: string } | { t: "inbox"; topic: InboxTopic };

/**
 * Listens for this session being ended elsewhere (disabled, replaced by a new login, password
 * reset) and leaves at once, instead of waiting for the next click to find out. The same stream
 * carries the agent's inbox nudges (a new wrap-up, changed callbacks), re-dispatched in every
 * tab as a window event.
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
    const inbox = (topic: InboxTopic) =>
      window.dispatchEvent(new CustomEvent(INBOX_EVENT, { detail: { topic } }));
    const listen = () => {
      source = new EventSource("/api/session/events");
      source.addEventListener("revoked", (e) => {
        const reason = parseReason((e as MessageEvent<string>).data);
        channel?.postMessage({ t: "revoked", reason } satisfies TabMessage);
        leave(reason);
      });
      source.addEventListener("inbox", (e) => {
        const topic = parseTopic((e as MessageEvent<string>).data);
        if (!topic) return;
        channel?.postMessage({ t: "inbox", topic } satisfies TabMessage);
        inbox(topic);
      });
    };

    if (channel)
      channel.onmessage = (e: MessageEvent<TabMessage>) => {
        if (e.data?.t === "inbox") inbox(e.data.topic);
        else if (e.data?.t === "revoked") leave(e.data.reason ?? "ended");
      };
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

function parseTopic(data: string): InboxTopic | null {
  try {
    const topic = (JSON.parse(data) as { topic?: unknown }).topic;
    return topic === "wrapup" || topic === "callbacks" ? topic : null;
  } catch {
    return null;
  }
}
