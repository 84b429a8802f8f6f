import { utcToZonedLocal } from "@/lib/agent/zoned-time";
import { authorizeRequest } from "@/lib/auth/session";
import { getAgentInbox, listDispositionCodes } from "@/lib/db/queries/agent";
import { getSetting } from "@/lib/db/queries/settings";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * The agent widget's data for the signed-in user: pending wrap-ups (with the active disposition
 * codes to choose from) and scheduled callbacks due within a day (the browser raises each
 * reminder when it falls due). Fetched on load and whenever the session stream says the inbox changed.
 */
export async function GET() {
  try {
    const user = await authorizeRequest();
    const wrapups = user.permissions.has("calls.wrapup");
    const callbacks = user.permissions.has("callbacks.own");
    const now = new Date();
    const [inbox, codes, timeZone] = await Promise.all([
      getAgentInbox({ userId: user.id, wrapups, callbacks, now }),
      wrapups ? listDispositionCodes({ activeOnly: true }) : Promise.resolve([]),
      getSetting("general.timezone").then((tz) => tz ?? "UTC"),
    ]);
    return Response.json(
      {
        now: now.toISOString(),
        timeZone,
        /** What a datetime-local input should start at: now in the Settings zone. */
        localNow: utcToZonedLocal(now, timeZone),
        dispositions: codes.map((c) => ({ id: c.id, label: c.label })),
        wrapups: inbox.wrapups.map((w) => ({ ...w, endedAt: w.endedAt.toISOString() })),
        callbacks: inbox.callbacks.map((c) => ({ ...c, dueAt: c.dueAt.toISOString() })),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return AppError.from(error).toResponse();
  }
}
