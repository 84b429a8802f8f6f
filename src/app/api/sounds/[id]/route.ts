import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { authorizeRequest } from "@/lib/auth/session";
import { getSoundById } from "@/lib/db/queries/ivrs";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { parseRange } from "@/lib/recordings/range";
import { soundFile } from "@/lib/sounds/dir";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Streams a sound's converted WAV for the preview player, with HTTP Range (206/416). The path
 * comes from the sound's id alone; the id must name a row of the library.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("bad_request:sound", "That is not a sound id.");
    await authorizeRequest("sounds.read");
    const sound = await getSoundById({ id });
    if (!sound) throw new AppError("not_found:sound", "That sound does not exist.");
    const file = soundFile(sound.id);
    const size = (await stat(file).catch(() => null))?.size;
    if (size == null) throw new AppError("not_found:sound", "The sound's file is missing.");
    const base = {
      "Accept-Ranges": "bytes",
      "Content-Type": "audio/wav",
      "Cache-Control": "private, no-store",
    };
    const range = parseRange(req.headers.get("range"), size);
    if (range.kind === "unsatisfiable")
      return new Response(null, { status: 416, headers: { ...base, "Content-Range": `bytes */${size}` } });
    if (range.kind === "full")
      return new Response(toWeb(createReadStream(file), req.signal), {
        status: 200,
        headers: { ...base, "Content-Length": String(size) },
      });
    const { start, end } = range;
    return new Response(toWeb(createReadStream(file, { start, end }), req.signal), {
      status: 206,
      headers: {
        ...base,
        "Content-Length": String(end - start + 1),
        "Content-Range": `bytes ${start}-${end}/${size}`,
      },
    });
  } catch (error) {
    const appError = AppError.from(error);
    if (appError.kind === "internal") log.error({ err: error }, "sound stream failed");
    return appError.toResponse();
  }
}

function toWeb(stream: ReturnType<typeof createReadStream>, signal: AbortSignal): ReadableStream<Uint8Array> {
  signal.addEventListener("abort", () => stream.destroy(), { once: true });
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}
