import { z } from "zod";
import type { ApplyProgress, ApplyResult } from "@/lib/asterisk/publish/apply";
import { applyWithAppSettings } from "@/lib/asterisk/publish/run";
import { writeAudit } from "@/lib/audit";
import { assertSameOrigin } from "@/lib/auth/same-origin";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const body = z.object({ rollbackTo: z.number().int().positive().optional() });

export type ApplyStreamLine =
  | { type: "progress"; progress: ApplyProgress }
  | { type: "result"; result: ApplyResult }
  | { type: "error"; message: string };

/**
 * Runs an apply (or a rollback) and streams its progress as NDJSON, one line per step, ending
 * with the result. The browser shows each line as it arrives.
 */
export async function POST(req: Request) {
  let user: Awaited<ReturnType<typeof authorizeRequest>>;
  let input: z.infer<typeof body>;
  try {
    assertSameOrigin(req);
    user = await authorizeRequest("config.apply");
    const parsed = body.safeParse(await req.json().catch(() => ({})));
    if (!parsed.success) throw new AppError("bad_request:apply", "Bad apply request.");
    input = parsed.data;
  } catch (error) {
    return AppError.from(error).toResponse();
  }

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: ApplyStreamLine) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          // The browser went away; the apply still finishes and is recorded.
        }
      };
      try {
        const result = await applyWithAppSettings({
          actor: { id: user.id, email: user.email },
          rollbackTo: input.rollbackTo,
          onProgress: (progress) => send({ type: "progress", progress }),
        });
        await writeAudit({
          actor: { id: user.id, email: user.email, ip: user.ip },
          action: input.rollbackTo ? "config.rollback" : "config.apply",
          entity: "config_revision",
          entityId: result.revisionId ? String(result.revisionId) : null,
          entityLabel: result.revisionId ? `Revision #${result.revisionId}` : null,
          after: {
            status: result.status,
            changedFiles: result.changedFiles,
            reloaded: result.reloaded,
            error: result.error ?? null,
          },
        });
        send({ type: "result", result });
      } catch (error) {
        const appError = AppError.from(error);
        if (appError.kind === "internal") log.error({ err: error }, "apply failed");
        send({ type: "error", message: appError.message });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "application/x-ndjson", "Cache-Control": "no-store" },
  });
}
