import { Activity, ScrollText, Settings, Users } from "lucide-react";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { can, requirePermission } from "@/lib/auth/session";
import { listAudit } from "@/lib/db/queries/audit";
import { countUsersByRole } from "@/lib/db/queries/users";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requirePermission("dashboard.view");
  const [counts, recent] = await Promise.all([
    can(user, "users.read") ? countUsersByRole() : Promise.resolve(null),
    can(user, "audit.read") ? listAudit({ limit: 6 }) : Promise.resolve(null),
  ]);
  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} description="Your call center at a glance." />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {counts &&
          ROLES.map((role) => (
            <div key={role} className="card p-5">
              <p className="text-sm text-slate-500 dark:text-slate-400">{ROLE_LABELS[role]}s</p>
              <p className="mt-1 text-3xl font-semibold tabular-nums">{counts[role] ?? 0}</p>
            </div>
          ))}
        {!counts && (
          <div className="card p-5 sm:col-span-2">
            <p className="text-sm text-slate-500 dark:text-slate-400">Signed in as</p>
            <p className="mt-1 text-lg font-semibold">{user.email}</p>
            <p className="text-sm text-slate-500">Extension {user.extension ?? "not linked yet"}</p>
          </div>
        )}
      </div>
      <div className="mt-6 grid gap-4 lg:grid-cols-3">
        <div className="card p-5 lg:col-span-2">
          <h2 className="flex items-center gap-2 font-semibold">
            <Activity className="size-4 text-teal-500" aria-hidden /> Recent activity
          </h2>
          {recent ? (
            recent.rows.length ? (
              <ul className="mt-3 divide-y divide-slate-100 text-sm dark:divide-slate-800">
                {recent.rows.map((r) => (
                  <li key={r.id} className="flex justify-between gap-4 py-2">
                    <span>
                      <span className="font-mono text-xs">{r.action}</span> by {r.userEmail ?? "system"}
                    </span>
                    <time className="text-slate-500" dateTime={r.createdAt.toISOString()}>
                      {r.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
                    </time>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-3 text-sm text-slate-500">Nothing has happened yet.</p>
            )
          ) : (
            <p className="mt-3 text-sm text-slate-500">You can see your own work here as features arrive.</p>
          )}
        </div>
        <div className="card p-5">
          <h2 className="font-semibold">Shortcuts</h2>
          <ul className="mt-3 space-y-2 text-sm">
            {can(user, "users.write") && (
              <li>
                <Link
                  className="flex items-center gap-2 text-indigo-600 hover:underline dark:text-indigo-400"
                  href="/users/new"
                >
                  <Users className="size-4" aria-hidden /> Add a user
                </Link>
              </li>
            )}
            {can(user, "audit.read") && (
              <li>
                <Link
                  className="flex items-center gap-2 text-indigo-600 hover:underline dark:text-indigo-400"
                  href="/audit"
                >
                  <ScrollText className="size-4" aria-hidden /> Audit log
                </Link>
              </li>
            )}
            {can(user, "settings.read") && (
              <li>
                <Link
                  className="flex items-center gap-2 text-indigo-600 hover:underline dark:text-indigo-400"
                  href="/settings"
                >
                  <Settings className="size-4" aria-hidden /> Asterisk connection
                </Link>
              </li>
            )}
          </ul>
        </div>
      </div>
    </>
  );
}
