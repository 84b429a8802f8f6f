import type { Permission } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

/** A stand-in for lib/auth/session that reads the test's chosen user (null: anonymous). */
export function sessionMock(session: { current: CurrentUser | null }) {
  return {
    getCurrentUser: async () => session.current,
    authorizeRequest: async (permission?: Permission) => {
      if (!session.current) throw new AppError("unauthorized:session");
      if (permission && !session.current.permissions.has(permission))
        throw new AppError(`forbidden:${permission}`);
      return session.current;
    },
  };
}

/** Calls a `[id]` route handler the way Next.js does. */
export async function callRoute(
  handler: (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>,
  id: string,
  init: { headers?: Record<string, string>; query?: string } = {},
): Promise<Response> {
  const req = new Request(`http://localhost/api/recordings/${encodeURIComponent(id)}${init.query ?? ""}`, {
    headers: init.headers,
  });
  return handler(req, { params: Promise.resolve({ id }) });
}
