import { Plus, Upload } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { Can } from "@/components/permissions-provider";
import { SearchForm } from "@/components/search-form";
import { can, requirePermission } from "@/lib/auth/session";
import { EXTENSION_SORTS, listExtensions, toExtensionSort } from "@/lib/db/queries/extensions";
import { ExtensionsTable } from "./extensions-table";

export const metadata = { title: "Extensions" };

export default async function ExtensionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const me = await requirePermission("extensions.read");
  const { q, cursor, sort: rawSort, deleted } = await searchParams;
  const sort = toExtensionSort(rawSort);
  const page = await listExtensions({ q: q?.slice(0, 100), sort, cursor });
  const params = { q, sort: sort === "number" ? undefined : sort };
  return (
    <>
      <PageHeader
        title="Extensions"
        description="Phones and softphones: each has a number, a SIP secret and its call settings."
        actions={
          <Can permission="extensions.write">
            <Link href="/extensions/import" className="btn-secondary">
              <Upload className="size-4" aria-hidden /> Import CSV
            </Link>
            <Link href="/extensions/new" className="btn-primary">
              <Plus className="size-4" aria-hidden /> New extension
            </Link>
          </Can>
        }
      />
      {deleted && (
        <p
          role="status"
          className="mb-4 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          Extension {deleted.slice(0, 60)} deleted. It is removed from Asterisk at the next apply.
        </p>
      )}
      <SearchForm label="Search extensions" placeholder="Search number or name" defaultValue={q}>
        <label htmlFor="extension-sort" className="sr-only">
          Sort by
        </label>
        <select id="extension-sort" name="sort" defaultValue={sort} className="input w-auto">
          {Object.entries(EXTENSION_SORTS).map(([key, s]) => (
            <option key={key} value={key}>
              Sort by {s.label.toLowerCase()}
            </option>
          ))}
        </select>
      </SearchForm>
      {page.rows.length === 0 ? (
        <EmptyState title={q ? `No extensions match “${q}”` : "No extensions yet"}>
          {q ? (
            <Link className="text-indigo-600 hover:underline" href="/extensions">
              Clear the search
            </Link>
          ) : can(me, "extensions.write") ? (
            <span>
              <Link className="text-indigo-600 hover:underline" href="/extensions/new">
                Create the first one
              </Link>{" "}
              or{" "}
              <Link className="text-indigo-600 hover:underline" href="/extensions/import">
                import a CSV file
              </Link>
              .
            </span>
          ) : (
            "An administrator creates extensions for phones and softphones."
          )}
        </EmptyState>
      ) : (
        <ExtensionsTable rows={page.rows} selectable={can(me, "extensions.write")} />
      )}
      <Pager basePath="/extensions" params={params} nextCursor={page.nextCursor} isFirst={!cursor} />
    </>
  );
}
