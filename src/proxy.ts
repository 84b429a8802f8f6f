import { type NextRequest, NextResponse } from "next/server";
import { decode } from "next-auth/jwt";
import { env } from "@/env";
import { SESSION_COOKIES } from "@/lib/auth/cookies";
import { getSecrets } from "@/lib/secrets";

const PUBLIC_PAGES = ["/login", "/setup"];

/**
 * Runs before every page and route: sets a per-request CSP nonce (Next applies it to its own
 * scripts), tells pages their path, and sends visitors without a session to /login. The full
 * session check (enabled, one session, age) happens on the server in every page and action.
 */
export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const isApi = pathname.startsWith("/api/");
  if (!isApi && !PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    if (!(await hasToken(req))) {
      const url = req.nextUrl.clone();
      url.pathname = "/login";
      url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
      return NextResponse.redirect(url);
    }
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-switchboard-path", pathname + search);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

async function hasToken(req: NextRequest): Promise<boolean> {
  const raw = SESSION_COOKIES.map((n) => req.cookies.get(n)?.value).find(Boolean);
  if (!raw) return false;
  const token = await decode({ token: raw, secret: getSecrets().authSecret }).catch(() => null);
  return Boolean(token?.uid);
}

function contentSecurityPolicy(nonce: string): string {
  const dev = env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // ws:/wss: for the softphone's SIP WebSocket, which lives on the Asterisk host.
    "connect-src 'self' ws: wss:",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const config = {
  // The sound upload (exactly /api/sounds) skips the proxy: a proxy buffers request bodies (and
  // cuts them at 10 MB), and the route streams its body to disk and checks the session itself.
  matcher: [
    { source: "/((?!_next/static|_next/image|favicon.ico|api/sounds$|.*\\.(?:png|svg|ico|webp|jpg)$).*)" },
  ],
};
