"use client";

import { useSyncExternalStore } from "react";
import { LiveFeed, type LiveView } from "./live-feed";

export type { LiveView, StreamStatus } from "./live-feed";

/** The SSE route (GET /api/live): a scoped snapshot, then deltas; see LiveFeed for the protocol. */
export const LIVE_URL = "/api/live";

const feeds = new Map<string, LiveFeed>();
const SERVER_VIEW: LiveView = { snapshot: null, stream: "connecting", role: "idle" };

/**
 * The live state for this browser, shared by every component and every tab: the first
 * subscriber starts the feed (one EventSource per browser, see LiveFeed), the last one to
 * unmount stops it. Re-renders on every applied snapshot or delta and on stream changes.
 *
 * @example
 * const { snapshot, stream } = useLiveState();
 * const channels = snapshot ? Object.values(snapshot.state.channels) : [];
 */
export function useLiveState(url: string = LIVE_URL): LiveView {
  let feed = feeds.get(url);
  if (!feed) {
    feed = new LiveFeed({ url });
    feeds.set(url, feed);
  }
  return useSyncExternalStore(feed.subscribe, feed.getView, () => SERVER_VIEW);
}
