import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { loadSoftphoneConfig, NO_PHONE_MESSAGES } from "@/lib/softphone/account";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The browser phone's provisioning: WebSocket URL, ICE servers and the signed-in user's own SIP
 * account (or null with the reason). Fetched by the widget after login; never rendered into HTML.
 */
export async function GET() {
  try {
    const user = await authorizeRequest();
    const config = await loadSoftphoneConfig(user);
    const body = config.account ? config : { ...config, message: NO_PHONE_MESSAGES[config.reason] };
    return Response.json(body, { headers: NO_STORE });
  } catch (error) {
    const e = AppError.from(error);
    if (e.kind === "internal") log.error({ err: error }, "softphone config failed");
    const res = e.toResponse();
    res.headers.set("Cache-Control", "no-store");
    return res;
  }
}
