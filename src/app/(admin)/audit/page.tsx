import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { requirePermission } from "@/lib/auth/session";
import { type AuditFilters, listAudit, listAuditEntities } from "@/lib/db/queries/audit";
import { listUserOptions } from "@/lib/db/queries/users";
import { AuditDiff } from "./audit-diff";

export const metadata = { title: "Audit log" };

type Params = { user?: string; entity?: string; from?: string; to?: string; cursor?: string };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requirePermission("audit.read");
  const params = await searchParams;
  const filters: AuditFilters = {
    userId: params.user && /^[0-9a-f-]{36}$/i.test(params.user) ? params.user : undefined,
    entity: params.entity && /^[a-z_.]{1,60}$/.test(params.entity) ? params.entity : undefined,
    from: parseDay(params.from),
    to: parseDay(params.to, true),
  };
  const [page, entities, people] = await Promise.all([
    listAudit({ filters, cursor: params.cursor }),
    listAuditEntities(),
    listUserOptions(),
  ]);
  const filtered = Boolean(filters.userId || filters.entity || filters.from || filters.to);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change, who made it, from where, and what it changed. Times are UTC."
      />
      <form
        className="card mb-4 grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-5"
        aria-label="Filter the audit log"
      >
        <div>
          <label htmlFor="f-user" className="label">
            User
          </label>
          <select id="f-user" name="user" defaultValue={filters.userId ?? ""} className="input">
            <option value="">Anyone</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-entity" className="label">
            Entity
          </label>
          <select id="f-entity" name="entity" defaultValue={filters.entity ?? ""} className="input">
            <option value="">All</option>
            {entities.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-from" className="label">
            From
          </label>
          <input id="f-from" type="date" name="from" defaultValue={params.from} className="input" />
        </div>
        <div>
          <label htmlFor="f-to" className="label">
            To
          </label>
          <input id="f-to" type="date" name="to" defaultValue={params.to} className="input" />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className="btn-primary">
            Filter
          </button>
          {filtered && (
            <Link href="/audit" className="btn-secondary">
              Clear
            </Link>
          )}
        </div>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState title={filtered ? "No audit rows match these filters" : "No audit rows yet"} />
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Time (UTC)</th>
                <th scope="col">User</th>
                <th scope="col">IP</th>
                <th scope="col">Action</th>
                <th scope="col">Entity</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {page.rows.map((row) => (
                <tr key={row.id} data-testid="audit-row">
                  <td className="whitespace-nowrap tabular-nums text-slate-600 dark:text-slate-300">
                    {row.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                  </td>
                  <td>{row.userEmail ?? "system"}</td>
                  <td className="font-mono text-xs">{row.ip ?? "—"}</td>
                  <td className="font-mono text-xs">{row.action}</td>
                  <td className="text-xs">
                    {row.entity}
                    {(row.entityLabel ?? row.entityId) && (
                      <span className="block text-slate-500" title={row.entityId ?? undefined}>
                        {row.entityLabel ?? row.entityId}
                      </span>
                    )}
                  </td>
                  <td className="min-w-72">
                    <AuditDiff
                      before={row.before as Record<string, unknown> | null}
                      after={row.after as Record<string, unknown> | null}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        basePath="/audit"
        params={{ user: params.user, entity: params.entity, from: params.from, to: params.to }}
        nextCursor={page.nextCursor}
        isFirst={!params.cursor}
      />
    </>
  );
}

function parseDay(v: string | undefined, endOfDay = false): Date | undefined {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  const d = new Date(`${v}T${endOfDay ? "23:59:59.999" : "00:00:00"}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
