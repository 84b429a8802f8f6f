/**
 * Browser-side sign-in against next-auth's credentials callback. We call it directly rather
 * than through next-auth/react's signIn() so that a 429 from the throttle keeps its message and
 * Retry-After instead of collapsing into a generic error.
 */
export type SignInResult = { ok: true } | { ok: false; message: string; retryAfter?: number };

export async function signInWithPassword(
  email: string,
  password: string,
  callbackUrl: string,
): Promise<SignInResult> {
  try {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl, json: "true" }),
    });
    if (res.status === 429) {
      const body = (await res.json().catch(() => ({}))) as {
        error?: { message?: string };
        retryAfter?: number;
      };
      const retryAfter = Number(res.headers.get("Retry-After") ?? body.retryAfter ?? 60);
      return { ok: false, message: body.error?.message ?? "Too many attempts.", retryAfter };
    }
    const body = (await res.json().catch(() => ({}))) as { url?: string };
    const failed =
      !res.ok || !body.url || new URL(body.url, window.location.origin).searchParams.has("error");
    return failed ? { ok: false, message: "Wrong e-mail or password." } : { ok: true };
  } catch {
    return { ok: false, message: "Could not reach the server. Check your connection and try again." };
  }
}
