import { isEmptyListError } from "@/lib/asterisk/ami/ami-error";
import { appAmiAction } from "@/lib/asterisk/ami/app-ami";
import { authorizeRequest } from "@/lib/auth/session";
import { listTrunkNames } from "@/lib/db/queries/trunks";
import { AppError } from "@/lib/errors";
import { trunkStatusFrom } from "@/lib/routing/outbound/trunk-status";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Live registration and reachability of every trunk, read from AMI on each request (the trunks
 * page polls it every few seconds; two list actions however many trunks there are).
 */
export async function GET() {
  try {
    await authorizeRequest("trunks.read");
    const names = await listTrunkNames();
    const [registrations, endpoints] = await Promise.all([
      appAmiAction("PJSIPShowRegistrationsOutbound", {}).catch(emptyOnNoList),
      appAmiAction("PJSIPShowEndpoints", {}).catch(emptyOnNoList),
    ]);
    return Response.json(
      {
        at: new Date().toISOString(),
        trunks: trunkStatusFrom(names, registrations.events, endpoints.events),
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
