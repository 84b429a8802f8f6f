import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { clientIp } from "@/lib/auth/request";
import { checkThrottle, throttleKeys } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, getAuthOptions()) as Promise<Response>;
}

export const GET = handler;

/** Throttle in front of next-auth: a limited account or IP gets 429 before any password check. */
export async function POST(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "callback" && nextauth[1] === "credentials") {
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const email = String(form?.get("email") ?? "");
    const state = await checkThrottle(throttleKeys(email, clientIp(req.headers)));
    if (state.limited) {
      const error = new AppError(
        "rate_limit:login",
        `Too many failed sign-in attempts. Try again in ${state.retryAfter} seconds.`,
        {
          headers: { "Retry-After": String(state.retryAfter) },
        },
      );
      return Response.json(
        { error: error.toJSON(), retryAfter: state.retryAfter },
        { status: 429, headers: error.headers },
      );
    }
  }
  return handler(req, ctx);
}
