import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { parseRange } from "@/lib/recordings/range";
import { authorizeBox, spoolRoot, spoolToAppError } from "@/lib/voicemail/access";
import { messageAudio } from "@/lib/voicemail/spool";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Streams one voicemail message's WAV with HTTP Range (206/416), to its owner or an admin. */
export async function GET(
  req: Request,
  { params }: { params: Promise<{ box: string; folder: string; index: string }> },
) {
  try {
    const { box, folder, index } = await params;
    const user = await authorizeRequest();
    if (!/^[0-9]{1,4}$/.test(index)) throw new AppError("bad_request:voicemail", "Bad message number.");
    await authorizeBox(user, box);
    const file = await messageAudio(spoolRoot(), box, folder, Number(index)).catch((e) => {
      throw spoolToAppError(e);
    });
    const { size } = await stat(file);
    const range = parseRange(req.headers.get("range"), size);
    const base = {
      "Accept-Ranges": "bytes",
      "Content-Type": "audio/wav",
      "Cache-Control": "private, no-store",
    };
    if (range.kind === "unsatisfiable")
      return new Response(null, { status: 416, headers: { ...base, "Content-Range": `bytes */${size}` } });
    if (range.kind === "full")
      return new Response(toWeb(createReadStream(file)), {
        status: 200,
        headers: { ...base, "Content-Length": String(size) },
      });
    const { start, end } = range;
    return new Response(toWeb(createReadStream(file, { start, end })), {
      status: 206,
      headers: {
        ...base,
        "Content-Length": String(end - start + 1),
        "Content-Range": `bytes ${start}-${end}/${size}`,
      },
    });
  } catch (error) {
    return AppError.from(error).toResponse();
  }
}

function toWeb(stream: NodeJS.ReadableStream): ReadableStream {
  return Readable.toWeb(stream as Readable) as ReadableStream;
}
