import { sendLiveCommand } from "@/lib/asterisk/live/commands";
import { toFieldErrors } from "@/lib/auth/action";
import { takeRateLimit } from "@/lib/auth/rate-limit";
import { assertSameOrigin } from "@/lib/auth/same-origin";
import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/request-body";
import { MAX_REPORT_BYTES, qualityReport, REPORT_MIN_INTERVAL_MS } from "@/lib/softphone/call-quality";

/**
 * `POST /api/softphone/stats`: the browser phone's call-quality samples (`{ samples: [...] }`,
 * see qualityReport), attributed to the signed-in user's own extension and published into the
 * live state, where the panel shows them on the agent's tile and queue rows.
 *
 * 401 without a session, 403 cross-site, without `softphone.use` or without a linked
 * extension, 400 for a body that doesn't parse or validate (with field errors), 429 (with
 * Retry-After) for more than one report per REPORT_MIN_INTERVAL_MS per user, 202 when accepted.
 */
export async function POST(req: Request) {
  try {
    assertSameOrigin(req);
    const user = await authorizeRequest("softphone.use");
    if (!user.extension) {
      throw new AppError(
        "forbidden:extension",
        "Your account is not linked to an extension, so there is no phone to report on.",
      );
    }
    const parsed = qualityReport.safeParse(await readJsonBody(req, MAX_REPORT_BYTES));
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? `${first.path.join(".")}: ` : "";
      throw new AppError("bad_request:stats", `${where}${first?.message ?? "The samples are not valid."}`, {
        fieldErrors: toFieldErrors(parsed.error),
      });
    }
    const limit = await takeRateLimit(`softphone-stats:${user.id}`, REPORT_MIN_INTERVAL_MS);
    if (!limit.allowed) {
      throw new AppError(
        "rate_limit:softphone_stats",
        `Send call-quality samples at most once every ${REPORT_MIN_INTERVAL_MS / 1000} s.`,
        { headers: { "Retry-After": String(Math.ceil(limit.retryAfterMs / 1000)) } },
      );
    }
    await sendLiveCommand({ kind: "quality", extension: user.extension, samples: parsed.data.samples });
    return Response.json({ data: { accepted: parsed.data.samples.length } }, { status: 202 });
  } catch (error) {
    return AppError.from(error).toResponse();
  }
}
