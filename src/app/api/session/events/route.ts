import { authorizeRequest } from "@/lib/auth/session";
import { CHANNELS } from "@/lib/bus/events";
import { getBus } from "@/lib/bus/get-bus";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * SSE, one per browser (SessionWatcher's leader tab): tells it the moment its session is revoked
 * (disabled, replaced, reset), and nudges its agent widget when the user has a new wrap-up or
 * their callbacks changed (`inbox`), so no tab needs a stream of its own for that.
 */
export async function GET(req: Request) {
  let user: Awaited<ReturnType<typeof authorizeRequest>>;
  try {
    user = await authorizeRequest();
  } catch (error) {
    return AppError.from(error).toResponse();
  }
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
      send("retry: 3000\n\n");
      const unsubscribe = getBus().subscribe(CHANNELS.sessions, (event) => {
        if (event.type !== "session.revoked" || event.userId !== user.id) return;
        if (event.sessionId && event.sessionId !== user.sessionId) return;
        send(`event: revoked\ndata: ${JSON.stringify({ reason: event.reason })}\n\n`);
      });
      const unsubscribeAgent = getBus().subscribe(CHANNELS.agent, (event) => {
        if (event.userId !== user.id) return;
        send(`event: inbox\ndata: ${JSON.stringify({ topic: event.topic })}\n\n`);
      });
      // Comments keep proxies from closing an idle stream.
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), 25_000);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeAgent();
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
    },
  });
}
