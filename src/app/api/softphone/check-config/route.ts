import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { loadPhoneSettings } from "@/lib/softphone/settings";

export const dynamic = "force-dynamic";

/**
 * `GET /api/softphone/check-config`: what the pre-call check page tests, `{ wsUrl, iceServers }`
 * from Settings (or SIP_WS_URL / STUN_SERVERS / TURN_*). It carries the TURN credential, so it
 * needs a session with `softphone.use` and is never cached; no SIP credentials are in it.
 */
export async function GET() {
  try {
    await authorizeRequest("softphone.use");
    const settings = await loadPhoneSettings();
    return Response.json(settings, { headers: { "Cache-Control": "no-store, private", Pragma: "no-cache" } });
  } catch (error) {
    return AppError.from(error).toResponse();
  }
}
