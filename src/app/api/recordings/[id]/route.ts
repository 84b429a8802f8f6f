import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { playableFile } from "@/lib/recordings/media";
import { openRecording } from "@/lib/recordings/open-recording";
import { parseRange } from "@/lib/recordings/range";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Streams a recording by its opaque id, with HTTP Range (206/416). `?download=1` sends it as
 * an attachment. A play (a request without Range, or the first range from byte 0) and every
 * download are audited; the seeks in between are not, or one listen would write hundreds.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const { user, recording, realFile } = await openRecording(id);
    const media = await playableFile(recording.id, realFile);
    const download = new URL(req.url).searchParams.get("download") === "1";
    const range = download ? ({ kind: "full" } as const) : parseRange(req.headers.get("range"), media.size);
    const base: Record<string, string> = {
      "Accept-Ranges": "bytes",
      "Content-Type": media.contentType,
      "Cache-Control": "private, no-store",
    };
    if (download) {
      base["Content-Disposition"] =
        `attachment; filename="recording-${recording.linkedid.replace(/[^\w.-]/g, "_")}.wav"`;
    }
    if (range.kind === "unsatisfiable") {
      return new Response(null, {
        status: 416,
        headers: { ...base, "Content-Range": `bytes */${media.size}` },
      });
    }
    if (download || range.kind === "full" || range.start === 0) {
      await writeAudit({
        actor: { id: user.id, email: user.email, ip: user.ip },
        action: download ? "recording.download" : "recording.play",
        entity: "recording",
        entityId: recording.id,
        entityLabel: `Call ${recording.linkedid}`,
        after: { linkedid: recording.linkedid, path: recording.path },
      });
    }
    if (range.kind === "full") {
      return new Response(toWeb(createReadStream(media.file), req.signal), {
        status: 200,
        headers: { ...base, "Content-Length": String(media.size) },
      });
    }
    const { start, end } = range;
    return new Response(toWeb(createReadStream(media.file, { start, end }), req.signal), {
      status: 206,
      headers: {
        ...base,
        "Content-Length": String(end - start + 1),
        "Content-Range": `bytes ${start}-${end}/${media.size}`,
      },
    });
  } catch (error) {
    const appError = AppError.from(error);
    if (appError.kind === "internal") log.error({ err: error }, "recording stream failed");
    return appError.toResponse();
  }
}

function toWeb(stream: ReturnType<typeof createReadStream>, signal: AbortSignal): ReadableStream<Uint8Array> {
  signal.addEventListener("abort", () => stream.destroy(), { once: true });
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}
