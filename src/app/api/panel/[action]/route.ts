import {
  attendedTransfer,
  bargeIntoCall,
  clickToCall,
  hangupCall,
  listenToCall,
  parkCall,
  pickupCall,
  startRecording,
  stopRecording,
  transferCall,
  unparkCall,
  whisperToAgent,
} from "@/app/(admin)/panel/actions";
import {
  addQueueMember,
  pauseAgent,
  pauseMe,
  queueLogin,
  queueLogout,
  removeQueueMember,
  unpauseAgent,
  unpauseMe,
} from "@/app/(admin)/panel/queue-actions";
import { assertSameOrigin } from "@/lib/auth/same-origin";
import { AppError, type Result } from "@/lib/errors";

/**
 * `POST /api/panel/<action>` with a JSON body: the live panel's actions for scripts and
 * integrations (a CRM's click-to-call, a wallboard's pause button). Each name maps to the very
 * server action the panel uses, so the permission, scope, allowlist and audit checks are the
 * same; only the transport differs. Errors keep their status: 401, 403, 400, 404, 503.
 */
const ACTIONS: Record<string, (input: never) => Promise<Result<unknown>>> = {
  listen: listenToCall,
  whisper: whisperToAgent,
  barge: bargeIntoCall,
  hangup: hangupCall,
  transfer: transferCall,
  "attended-transfer": attendedTransfer,
  pickup: pickupCall,
  park: parkCall,
  unpark: unparkCall,
  call: clickToCall,
  "record-start": startRecording,
  "record-stop": stopRecording,
  "queue-add": addQueueMember,
  "queue-remove": removeQueueMember,
  pause: pauseAgent,
  unpause: unpauseAgent,
  "pause-me": pauseMe,
  "unpause-me": unpauseMe,
  "queue-login": queueLogin,
  "queue-logout": queueLogout,
};

export async function POST(req: Request, { params }: { params: Promise<{ action: string }> }) {
  try {
    assertSameOrigin(req);
    const { action } = await params;
    const run = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
    if (!run) throw new AppError("not_found:panel_action", "There is no such panel action.");
    const body: unknown = await req.json().catch(() => {
      throw new AppError("bad_request:json", "Send a JSON object.");
    });
    const result = await run(body as never);
    if (result.ok) return Response.json({ data: result.data });
    const error = new AppError(result.error.code, result.error.message, {
      fieldErrors: result.error.fieldErrors,
    });
    return error.toResponse();
  } catch (error) {
    return AppError.from(error).toResponse();
  }
}
