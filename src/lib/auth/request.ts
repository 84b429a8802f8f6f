import { env } from "@/env";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const v = source[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/**
 * The client's IP for throttling and the audit log.
 *
 * Route handlers never see the socket: `next start` copies the peer address into
 * X-Forwarded-For only when the request has none. So behind a reverse proxy (TRUST_PROXY=true)
 * we take the left-most entry, the client as the proxy saw it; without one we take the
 * right-most, the hop nearest to us. A client talking to Next directly can still choose its own
 * IP key that way, which is why every login is also throttled per account.
 */
export function clientIp(source: HeaderSource): string {
  const forwarded = header(source, "x-forwarded-for");
  const hops = (forwarded ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = env.TRUST_PROXY ? hops[0] : hops.at(-1);
  return (ip ?? header(source, "x-real-ip") ?? "unknown").replace(/^::ffff:/, "").slice(0, 64);
}
