import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { Can } from "@/components/permissions-provider";
import { SearchForm } from "@/components/search-form";
import { requirePermission } from "@/lib/auth/session";
import { listTrunks } from "@/lib/db/queries/trunks";
import { TrunksTable } from "./trunk-status-cell";

export const metadata = { title: "Trunks" };

export default async function TrunksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePermission("trunks.read");
  const { q, cursor } = await searchParams;
  const page = await listTrunks({ q: q?.slice(0, 100), cursor });
  return (
    <>
      <PageHeader
        title="Trunks"
        description="Carriers that take calls out and bring them in, with their live registration state."
        actions={
          <div className="flex gap-2">
            <Link href="/outbound-routes" className="btn-secondary">
              Outbound routes
            </Link>
            <Can permission="trunks.write">
              <Link href="/trunks/new" className="btn-primary">
                <Plus className="size-4" aria-hidden /> New trunk
              </Link>
            </Can>
          </div>
        }
      />
      <SearchForm label="Search trunks" placeholder="Search name or host" defaultValue={q} />
      {page.rows.length === 0 ? (
        <EmptyState title={q ? `No trunks match “${q}”` : "No trunks yet"}>
          {q ? (
            <Link className="text-indigo-600 hover:underline" href="/trunks">
              Clear the search
            </Link>
          ) : (
            "A trunk connects Switchboard to a carrier; outbound routes choose which trunk a call takes."
          )}
        </EmptyState>
      ) : (
        <TrunksTable rows={page.rows} />
      )}
      <Pager basePath="/trunks" params={{ q }} nextCursor={page.nextCursor} isFirst={!cursor} />
    </>
  );
}
