import { notFound } from "next/navigation";
import { DeleteSection } from "@/components/delete-section";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getMohClassById, listSoundOptions } from "@/lib/db/queries/ivrs";
import { deleteMohClass } from "../../actions";
import { MohClassForm } from "../moh-class-form";

export const metadata = { title: "Music-on-hold class" };

export default async function EditMohClassPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("sounds.write");
  const { id } = await params;
  const cls = await getMohClassById({ id });
  if (!cls) notFound();
  return (
    <>
      <PageHeader
        title={cls.name}
        description="Music-on-hold class. Saved changes go live with the next apply."
      />
      <div className="space-y-6">
        <MohClassForm cls={cls} library={await listSoundOptions()} />
        <DeleteClass id={cls.id} name={cls.name} />
      </div>
    </>
  );
}

function DeleteClass({ id, name }: { id: string; name: string }) {
  async function remove() {
    "use server";
    return deleteMohClass({ id });
  }
  return (
    <DeleteSection noun="class" title={`Delete ${name}?`} onDelete={remove} listHref="/sounds">
      Its sounds stay in the library. A class that a queue still plays cannot be deleted.
    </DeleteSection>
  );
}
