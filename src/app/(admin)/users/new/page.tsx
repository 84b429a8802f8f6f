import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { UserForm } from "../user-form";

export const metadata = { title: "New user" };

export default async function NewUserPage() {
  await requirePermission("users.write");
  return (
    <>
      <PageHeader title="New user" description="They can sign in as soon as you save." />
      <UserForm />
    </>
  );
}
