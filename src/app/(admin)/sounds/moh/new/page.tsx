import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listSoundOptions } from "@/lib/db/queries/ivrs";
import { MohClassForm } from "../moh-class-form";

export const metadata = { title: "New music-on-hold class" };

export default async function NewMohClassPage() {
  await requirePermission("sounds.write");
  return (
    <>
      <PageHeader title="New music-on-hold class" description="Saved changes go live with the next apply." />
      <MohClassForm library={await listSoundOptions()} />
    </>
  );
}
