import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { Can } from "@/components/permissions-provider";
import { SearchForm } from "@/components/search-form";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listUsers } from "@/lib/db/queries/users";

export const metadata = { title: "Users" };

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePermission("users.read");
  const { q, cursor } = await searchParams;
  const page = await listUsers({ q: q?.slice(0, 100), cursor });
  return (
    <>
      <PageHeader
        title="Users"
        description="People who sign in to Switchboard, their roles and extensions."
        actions={
          <Can permission="users.write">
            <Link href="/users/new" className="btn-primary">
              <Plus className="size-4" aria-hidden /> New user
            </Link>
          </Can>
        }
      />
      <SearchForm label="Search users" placeholder="Search name, e-mail or extension" defaultValue={q} />
      {page.rows.length === 0 ? (
        <EmptyState title={q ? `No users match “${q}”` : "No users yet"}>
          {q ? (
            <Link className="text-indigo-600 hover:underline" href="/users">
              Clear the search
            </Link>
          ) : null}
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Extension</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {page.rows.map((u) => (
                <tr key={u.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td>
                    <Link
                      href={`/users/${u.id}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {u.name}
                    </Link>
                  </td>
                  <td className="text-slate-600 dark:text-slate-300">{u.email}</td>
                  <td>
                    {ROLE_LABELS[u.role]}
                    {u.grants.length + u.revokes.length > 0 && (
                      <span className="ml-1 text-xs text-slate-500" title="Has per-user grants or revokes">
                        (custom)
                      </span>
                    )}
                  </td>
                  <td className="font-mono">{u.extension ?? "—"}</td>
                  <td>
                    {u.disabled ? (
                      <span className="rounded-full bg-rose-50 px-2 py-0.5 text-xs font-medium text-rose-700 dark:bg-rose-950 dark:text-rose-300">
                        Disabled
                      </span>
                    ) : (
                      <span className="rounded-full bg-teal-50 px-2 py-0.5 text-xs font-medium text-teal-700 dark:bg-teal-950 dark:text-teal-300">
                        Active
                      </span>
                    )}
                  </td>
                  <td className="text-slate-500">
                    {u.lastLoginAt ? u.lastLoginAt.toISOString().replace("T", " ").slice(0, 16) : "Never"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/users" params={{ q }} nextCursor={page.nextCursor} isFirst={!cursor} />
    </>
  );
}
