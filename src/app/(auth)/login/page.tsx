import { redirect } from "next/navigation";
import { getCurrentUser, hasAnyUser } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export const metadata = { title: "Sign in" };

const REASONS: Record<string, string> = {
  logout: "You have signed out.",
  replaced: "You signed in somewhere else, so this session ended.",
  disabled: "Your account has been disabled. Ask an admin for help.",
  password_reset: "Your password was reset. Please sign in with the new one.",
  ended: "Your session has ended. Please sign in again.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  if (!(await hasAnyUser())) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mt-1 mb-6 text-sm text-slate-500 dark:text-slate-400">
        Use the e-mail and password your admin gave you.
      </p>
      <LoginForm
        callbackUrl={callbackUrl}
        notice={params.reason ? (REASONS[params.reason] ?? REASONS.ended) : undefined}
      />
    </>
  );
}

/** Only same-site paths; never "//host" or a full URL (open redirect). */
function safeCallback(raw: string | undefined): string {
  return raw?.startsWith("/") && !raw.startsWith("//") && !raw.startsWith("/\\") ? raw : "/";
}
