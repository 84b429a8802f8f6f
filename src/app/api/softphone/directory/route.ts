import { authorizeRequest } from "@/lib/auth/session";
import { searchExtensionDirectory } from "@/lib/db/queries/extensions";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Longest query accepted: a number or part of a display name (at most 40 characters). */
const MAX_QUERY = 40;

/** The dialer's search: `?q=` against enabled extensions' numbers and names, at most 8 rows. */
export async function GET(req: Request) {
  try {
    await authorizeRequest("softphone.use");
    const q = new URL(req.url).searchParams.get("q") ?? "";
    if (q.length > MAX_QUERY) {
      throw new AppError("bad_request:query", `Search with at most ${MAX_QUERY} characters.`);
    }
    const rows = await searchExtensionDirectory({ q, limit: 8 });
    return Response.json({ rows }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return AppError.from(error).toResponse();
  }
}
