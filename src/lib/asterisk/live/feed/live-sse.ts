import type { LiveScope } from "../scope-filter";
import { scopeChanges, scopeState } from "../scope-filter";
import type { LiveDelta, LiveSnapshot } from "../types";
import type { LiveMirror } from "./live-mirror";

const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();

/**
 * Unscoped messages are the same bytes for every admin: encode each delta, and each snapshot a
 * client starts from, once, not per client. A snapshot object stands for one version (the mirror
 * replaces it with every delta), so its frame never goes stale.
 */
const fullScopeFrames = new WeakMap<LiveDelta | LiveSnapshot, Uint8Array>();

export type LiveStreamOptions = {
  mirror: LiveMirror;
  scope: LiveScope;
  /** The browser's Last-Event-ID (a version), if it is resuming. */
  lastEventId?: number;
  signal?: AbortSignal;
  heartbeatMs?: number;
};

/**
 * The panel's event stream, served by GET /api/live (and driven directly by bench:live):
 * - `event: snapshot` (a LiveSnapshot) first, and again whenever the mirror lost continuity;
 * - `event: delta` (a LiveDelta) for every version after it, `id:` = version, so a reconnect's
 *   Last-Event-ID resumes with the missed deltas, or with a snapshot when they are gone;
 * - `: ping` comments every 15 s.
 * Every version is sent, even when the user's scope leaves it empty, so the browser can tell a
 * gap from a quiet moment.
 */
export function liveEventStream(options: LiveStreamOptions): ReadableStream<Uint8Array> {
  const { mirror, scope } = options;
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (chunk: Uint8Array) => {
        try {
          controller.enqueue(chunk);
        } catch {
          cleanup();
        }
      };
      const sendSnapshot = (snapshot: LiveSnapshot) => {
        if (scope.all) {
          // A reconnect storm (an app server restart) would otherwise serialize the whole state
          // once per browser: 200 admins at 1,000 phones took the server ~1 s of CPU.
          let frame = fullScopeFrames.get(snapshot);
          if (!frame) {
            frame = encoder.encode(
              `event: snapshot\nid: ${snapshot.version}\ndata: ${JSON.stringify(snapshot)}\n\n`,
            );
            fullScopeFrames.set(snapshot, frame);
          }
          send(frame);
          return;
        }
        const scoped: LiveSnapshot = { ...snapshot, state: scopeState(snapshot.state, scope) };
        send(encoder.encode(`event: snapshot\nid: ${snapshot.version}\ndata: ${JSON.stringify(scoped)}\n\n`));
      };
      const sendDelta = (delta: LiveDelta) => {
        if (scope.all) {
          let frame = fullScopeFrames.get(delta);
          if (!frame) {
            frame = encoder.encode(`event: delta\nid: ${delta.version}\ndata: ${JSON.stringify(delta)}\n\n`);
            fullScopeFrames.set(delta, frame);
          }
          send(frame);
          return;
        }
        const scoped: LiveDelta = {
          ...delta,
          changes: scopeChanges(delta.changes, scope, mirror.snapshot().state),
        };
        send(encoder.encode(`event: delta\nid: ${delta.version}\ndata: ${JSON.stringify(scoped)}\n\n`));
      };

      send(encoder.encode("retry: 2000\n\n"));
      const resume =
        options.lastEventId && options.lastEventId > 0 ? mirror.since(options.lastEventId) : null;
      if (resume) for (const delta of resume) sendDelta(delta);
      else sendSnapshot(mirror.snapshot());

      mirror.on("delta", sendDelta);
      mirror.on("reset", sendSnapshot);
      const heartbeat = setInterval(
        () => send(encoder.encode(": ping\n\n")),
        options.heartbeatMs ?? HEARTBEAT_MS,
      );
      cleanup = () => {
        clearInterval(heartbeat);
        mirror.off("delta", sendDelta);
        mirror.off("reset", sendSnapshot);
        try {
          controller.close();
        } catch {}
      };
      options.signal?.addEventListener("abort", () => cleanup());
    },
    cancel() {
      cleanup();
    },
  });
}
