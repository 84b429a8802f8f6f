import { redirect } from "next/navigation";
import { hasAnyUser } from "@/lib/auth/session";
import { SetupForm } from "./setup-form";

export const metadata = { title: "First-run setup" };

export default async function SetupPage() {
  if (await hasAnyUser()) redirect("/login");
  return (
    <>
      <h1 className="text-xl font-semibold">Welcome to Switchboard</h1>
      <p className="mt-1 mb-6 text-sm text-slate-500 dark:text-slate-400">
        Create the first admin account. There are no default passwords: this account is the only way in.
      </p>
      <SetupForm />
    </>
  );
}
