import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { SearchForm } from "@/components/search-form";
import { can, requirePermission } from "@/lib/auth/session";
import { getCallerListById, listCallerListEntries, listCallerListUses } from "@/lib/db/queries/inbound";
import { CallerListForm } from "../list-form";
import { DeleteCallerListButton } from "./delete-list-button";
import { EntriesEditor } from "./entries-editor";

export const metadata = { title: "Block or allow list" };

export default async function CallerListPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const me = await requirePermission("inbound.read");
  const { id } = await params;
  const list = await getCallerListById({ id });
  if (!list) notFound();
  const { q, cursor, saved } = await searchParams;
  const [entries, uses] = await Promise.all([
    listCallerListEntries({ listId: id, q: q?.slice(0, 100), cursor }),
    listCallerListUses({ id }),
  ]);
  const writable = can(me, "blocklists.write");
  return (
    <>
      <PageHeader
        title={list.name}
        description={`${list.kind === "allow" ? "Allow" : "Block"} list${uses.length ? ` · used by ${uses.join(", ")}` : " · not used yet"}`}
      />
      {saved && (
        <p
          role="status"
          className="mb-4 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          Saved.
        </p>
      )}
      <div className="space-y-6">
        <section className="card space-y-4 p-6" aria-labelledby="entries-heading">
          <h2 id="entries-heading" className="font-semibold">
            Numbers and patterns
          </h2>
          <SearchForm label="Search entries" placeholder="Search numbers and patterns" defaultValue={q} />
          <EntriesEditor
            listId={list.id}
            writable={writable}
            entries={entries.rows.map((e) => ({
              id: e.id,
              value: e.value,
              expiresAt: e.expiresAt?.toISOString() ?? null,
            }))}
          />
          {entries.nextCursor && (
            <Link
              className="btn-secondary"
              href={`/caller-lists/${list.id}?${new URLSearchParams({ ...(q ? { q } : {}), cursor: entries.nextCursor })}`}
            >
              Next entries
            </Link>
          )}
        </section>
        {writable && (
          <>
            <CallerListForm
              list={{ id: list.id, name: list.name, kind: list.kind, description: list.description }}
            />
            <DeleteCallerListButton list={{ id: list.id, name: list.name }} />
          </>
        )}
      </div>
    </>
  );
}
