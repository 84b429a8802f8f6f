import { isEmptyListError } from "@/lib/asterisk/ami/ami-error";
import { appAmiAction } from "@/lib/asterisk/ami/app-ami";
import { loadLiveState } from "@/lib/asterisk/live/panel-targets";
import { authorizeRequest } from "@/lib/auth/session";
import { listTrunkNames } from "@/lib/db/queries/trunks";
import { AppError } from "@/lib/errors";
import { trunkStatusFrom } from "@/lib/routing/outbound/trunk-status";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Live registration and reachability of every trunk (the trunks page polls it every few
 * seconds): registrations from one AMI list of outbound registrations (trunks only), reachability
 * from the live state's device states, which the listener keeps; with no live state yet, unknown.
 */
export async function GET() {
  try {
    await authorizeRequest("trunks.read");
    const names = await listTrunkNames();
    const [registrations, live] = await Promise.all([
      appAmiAction("PJSIPShowRegistrationsOutbound", {}).catch(emptyOnNoList),
      loadLiveState().catch(() => null),
    ]);
    return Response.json(
      {
        at: new Date().toISOString(),
        trunks: trunkStatusFrom(names, registrations.events, live?.devices ?? null),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return AppError.from(error).toResponse();
  }
}

function emptyOnNoList(error: unknown): { events: [] } {
  if (isEmptyListError(error)) return { events: [] };
  throw error;
}
