import "server-only";
import { authorizeRequest, type CurrentUser } from "@/lib/auth/session";
import { getRecordingById, listCallLegs } from "@/lib/db/queries/recordings";
import type { Recording } from "@/lib/db/schema/recordings";
import { AppError } from "@/lib/errors";
import { canListen, UUID } from "./access";
import { recordingsRoot } from "./root";
import { resolveUnderRoot } from "./safe-path";

export type OpenedRecording = { user: CurrentUser; recording: Recording; realFile: string };

/**
 * The checks every recording route runs, in order: a uuid (400), a session (401), a known id
 * (404), the right to hear it (403), and a real path under the recordings root (404). Nothing
 * the browser sends ever becomes part of a path; only the stored relative path does.
 */
export async function openRecording(id: string): Promise<OpenedRecording> {
  if (!UUID.test(id)) throw new AppError("bad_request:recording", "That is not a recording id.");
  const user = await authorizeRequest();
  const recording = await getRecordingById({ id });
  if (!recording) throw new AppError("not_found:recording", "That recording does not exist.");
  const legs = user.permissions.has("recordings.listen")
    ? []
    : await listCallLegs({ linkedid: recording.linkedid });
  if (!canListen(user, recording, legs)) {
    throw new AppError("forbidden:recording", "You may only listen to your own calls.");
  }
  const root = recordingsRoot();
  const realFile = root ? await resolveUnderRoot(root, recording.path) : null;
  if (!realFile) throw new AppError("not_found:recording", "The recording file is missing.");
  return { user, recording, realFile };
}
