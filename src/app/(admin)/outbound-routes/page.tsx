import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Can } from "@/components/permissions-provider";
import { SearchForm } from "@/components/search-form";
import { can, requirePermission } from "@/lib/auth/session";
import { listRoutes } from "@/lib/db/queries/trunks";
import { CLASS_LABELS } from "@/lib/validations/trunk-options";
import { RouteOrderButtons } from "./route-order-buttons";
import { RouteTester } from "./route-tester";

export const metadata = { title: "Outbound routes" };

export default async function OutboundRoutesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const me = await requirePermission("trunks.read");
  const { q } = await searchParams;
  const routes = await listRoutes({ q: q?.slice(0, 100) });
  const writable = can(me, "trunks.write");
  return (
    <>
      <PageHeader
        title="Outbound routes"
        description="Tried top to bottom: the first route with a matching pattern that admits the caller's class takes the call."
        actions={
          <Can permission="trunks.write">
            <Link href="/outbound-routes/new" className="btn-primary">
              <Plus className="size-4" aria-hidden /> New route
            </Link>
          </Can>
        }
      />
      <div className="space-y-6">
        <RouteTester />
        <SearchForm label="Search routes" placeholder="Search name" defaultValue={q} />
        {routes.length === 0 ? (
          <EmptyState title={q ? `No routes match “${q}”` : "No outbound routes yet"}>
            Without a route, extensions can only call internal numbers.
          </EmptyState>
        ) : (
          <div className="card overflow-x-auto">
            <table className="table-base">
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Name</th>
                  <th scope="col">Patterns</th>
                  <th scope="col">Strip / prepend</th>
                  <th scope="col">Trunks</th>
                  <th scope="col">Classes</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {routes.map((r, i) => (
                  <tr key={r.id}>
                    <td className="whitespace-nowrap">
                      {i + 1}{" "}
                      {writable && !q && (
                        <RouteOrderButtons
                          id={r.id}
                          name={r.name}
                          first={i === 0}
                          last={i === routes.length - 1}
                        />
                      )}
                    </td>
                    <td>
                      <Link
                        href={`/outbound-routes/${r.id}`}
                        className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                      >
                        {r.name}
                      </Link>
                    </td>
                    <td className="font-mono text-xs">{r.patterns.join(" ")}</td>
                    <td className="font-mono text-xs">
                      −{r.strip} / +{r.prepend || "∅"}
                    </td>
                    <td className="font-mono text-xs">{r.trunks.join(" → ")}</td>
                    <td className="text-xs">{r.classes.map((c) => CLASS_LABELS[c]).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
