import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { BreakCodeForm } from "../break-code-form";

export const metadata = { title: "New break code" };

export default async function NewBreakCodePage() {
  await requirePermission("break_codes.write");
  return (
    <>
      <PageHeader title="New break code" description="Agents choose it when they pause." />
      <BreakCodeForm />
    </>
  );
}
