import "server-only";
import { rename } from "node:fs/promises";
import { AppError } from "@/lib/errors";
import { ffmpeg, ffmpegPath } from "@/lib/recordings/ffmpeg";

export const MAX_GREETING_BYTES = 10_000_000;

/**
 * Converts an uploaded file to what app_voicemail plays: 8 kHz mono 16-bit PCM WAV, at most
 * 60 s. ffmpeg probing the input is the content check: anything that isn't audio fails here,
 * whatever its name. Written beside the target, then renamed over it.
 */
export async function convertGreeting(input: string, target: string): Promise<void> {
  if (!ffmpegPath())
    throw new AppError("unavailable:ffmpeg", "ffmpeg is not available to convert the greeting.");
  const tmp = `${target}.tmp-${process.pid}.wav`;
  await new Promise<void>((resolve, reject) => {
    ffmpeg(input)
      .noVideo()
      .audioChannels(1)
      .audioFrequency(8000)
      .audioCodec("pcm_s16le")
      .duration(60)
      .format("wav")
      .on("error", () =>
        reject(
          new AppError("bad_request:input", "That file is not audio ffmpeg can read.", {
            fieldErrors: { file: ["That file is not audio ffmpeg can read."] },
          }),
        ),
      )
      .on("end", () => resolve())
      .save(tmp);
  });
  await rename(tmp, target);
}
