"use client";

import { useEffect } from "react";

/**
 * Listens for this session being ended elsewhere (disabled, replaced by a new login, password
 * reset) and leaves at once, instead of waiting for the next click to find out.
 */
export function SessionWatcher() {
  useEffect(() => {
    const source = new EventSource("/api/session/events");
    source.addEventListener("revoked", (e) => {
      source.close();
      const reason = (() => {
        try {
          return (JSON.parse((e as MessageEvent<string>).data) as { reason?: string }).reason ?? "ended";
        } catch {
          return "ended";
        }
      })();
      window.location.href = `/login?reason=${encodeURIComponent(reason)}`;
    });
    return () => source.close();
  }, []);
  return null;
}
