import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { waveformPeaks } from "@/lib/recordings/media";
import { openRecording } from "@/lib/recordings/open-recording";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Waveform peaks (0–1) for the review player, computed once by ffmpeg and cached. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const { recording, realFile } = await openRecording(id);
    const peaks = await waveformPeaks(recording.id, realFile);
    return Response.json(
      { id: recording.id, durationMs: recording.durationMs, peaks },
      { headers: { "Cache-Control": "private, max-age=300" } },
    );
  } catch (error) {
    const appError = AppError.from(error);
    if (appError.kind === "internal") log.error({ err: error }, "recording peaks failed");
    return appError.toResponse();
  }
}
