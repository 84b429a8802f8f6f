import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listDestinationOptions } from "@/lib/db/queries/destinations";
import { listCallerListOptions } from "@/lib/db/queries/inbound";
import { listMohClassNames, listSoundOptions } from "@/lib/db/queries/ivrs";
import { QueueForm } from "../queue-form";

export const metadata = { title: "New queue" };

export default async function NewQueuePage() {
  await requirePermission("queues.write");
  const choices = await listDestinationOptions();
  return (
    <>
      <PageHeader title="New queue" description="Saved changes go live with the next apply." />
      <QueueForm
        choices={choices}
        callerListChoices={await listCallerListOptions()}
        mohClasses={await listMohClassNames()}
        sounds={(await listSoundOptions()).map(({ id, name }) => ({ id, name }))}
      />
    </>
  );
}
