import { AppError } from "@/lib/errors";

/**
 * Route handlers don't get the origin check that Next gives server actions, so mutating routes
 * call this: the browser's Origin must be this very host (CSRF defence).
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!origin || !host) throw new AppError("forbidden:origin", "Missing Origin header.");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden:origin", "Bad Origin header.");
  }
  if (originHost !== host) throw new AppError("forbidden:origin", "Cross-site requests are not allowed.");
}
