import { getLiveMirror } from "@/lib/asterisk/live/feed/get-live-mirror";
import { getLiveScope } from "@/lib/asterisk/live/scope";
import { scopeChanges, scopeState } from "@/lib/asterisk/live/scope-filter";
import type { LiveDelta, LiveSnapshot } from "@/lib/asterisk/live/types";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

/**
 * SSE: the live state for the panel, filtered to what this user may see.
 * - `event: snapshot` (a LiveSnapshot) first, and again whenever the server lost continuity;
 * - `event: delta` (a LiveDelta) for every version after it, `id:` = version, so a reconnect's
 *   Last-Event-ID resumes with the missed deltas, or a snapshot when they are gone;
 * - `: ping` comments every 15 s.
 * Every version is sent, even when the user's scope leaves it empty, so the browser can tell a
 * gap from a quiet moment.
 */
export async function GET(req: Request) {
  let user: Awaited<ReturnType<typeof authorizeRequest>>;
  try {
    user = await authorizeRequest("panel.view");
  } catch (error) {
    return AppError.from(error).toResponse();
  }
  const [scope, mirror] = await Promise.all([getLiveScope(user), getLiveMirror()]);
  const lastEventId = Number(
    req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId") ?? "",
  );
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const sendSnapshot = (snapshot: LiveSnapshot) => {
        const scoped: LiveSnapshot = { ...snapshot, state: scopeState(snapshot.state, scope) };
        send(`event: snapshot\nid: ${snapshot.version}\ndata: ${JSON.stringify(scoped)}\n\n`);
      };
      const sendDelta = (delta: LiveDelta) => {
        const scoped: LiveDelta = {
          ...delta,
          changes: scopeChanges(delta.changes, scope, mirror.snapshot().state),
        };
        send(`event: delta\nid: ${delta.version}\ndata: ${JSON.stringify(scoped)}\n\n`);
      };

      send("retry: 2000\n\n");
      const missed = Number.isFinite(lastEventId) && lastEventId > 0 ? mirror.since(lastEventId) : null;
      if (missed) for (const delta of missed) sendDelta(delta);
      else sendSnapshot(mirror.snapshot());

      mirror.on("delta", sendDelta);
      mirror.on("reset", sendSnapshot);
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        mirror.off("delta", sendDelta);
        mirror.off("reset", sendSnapshot);
        try {
          controller.close();
        } catch {}
      };
      req.signal.addEventListener("abort", () => cleanup());
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
