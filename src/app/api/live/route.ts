import { getLiveMirror } from "@/lib/asterisk/live/feed/get-live-mirror";
import { liveEventStream } from "@/lib/asterisk/live/feed/live-sse";
import { getLiveScope } from "@/lib/asterisk/live/scope";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** SSE: the live state for the panel, filtered to what this user may see (see liveEventStream). */
export async function GET(req: Request) {
  let user: Awaited<ReturnType<typeof authorizeRequest>>;
  try {
    user = await authorizeRequest("panel.view");
  } catch (error) {
    return AppError.from(error).toResponse();
  }
  const [scope, mirror] = await Promise.all([getLiveScope(user), getLiveMirror()]);
  const lastEventId = Number(
    req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId"),
  );
  const stream = liveEventStream({
    mirror,
    scope,
    lastEventId: Number.isFinite(lastEventId) ? lastEventId : undefined,
    signal: req.signal,
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
