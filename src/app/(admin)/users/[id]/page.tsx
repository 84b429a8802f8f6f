import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { can, requirePermission } from "@/lib/auth/session";
import { getUserById } from "@/lib/db/queries/users";
import { UserForm } from "../user-form";
import { UserAccountActions } from "./user-account-actions";

export const metadata = { title: "Edit user" };

export default async function EditUserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const me = await requirePermission("users.read");
  const { id } = await params;
  const user = await getUserById({ id });
  if (!user) notFound();
  const { saved } = await searchParams;
  const editable = can(me, "users.write");
  return (
    <>
      <PageHeader title={user.name} description={`${user.email}${user.disabled ? " · disabled" : ""}`} />
      {saved && (
        <p
          role="status"
          className="mb-4 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          Saved.
        </p>
      )}
      {editable ? (
        <div className="space-y-6">
          <UserForm
            user={{
              id: user.id,
              name: user.name,
              email: user.email,
              role: user.role,
              extension: user.extension,
              grants: user.grants,
              revokes: user.revokes,
            }}
          />
          <UserAccountActions
            user={{ id: user.id, name: user.name, disabled: user.disabled }}
            isSelf={user.id === me.id}
          />
        </div>
      ) : (
        <div className="card p-6 text-sm">
          <p>Role: {user.role}</p>
          <p>Extension: {user.extension ?? "—"}</p>
        </div>
      )}
    </>
  );
}
