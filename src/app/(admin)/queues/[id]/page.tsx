import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { can, requirePermission } from "@/lib/auth/session";
import { listDestinationOptions } from "@/lib/db/queries/destinations";
import { getQueueListIds, listCallerListOptions } from "@/lib/db/queries/inbound";
import { listMohClassNames, listSoundOptions } from "@/lib/db/queries/ivrs";
import { getQueueById } from "@/lib/db/queries/queues";
import { describeDestination } from "@/lib/validations/destination";
import {
  DAY_LABELS,
  QUEUE_STRATEGY_LABELS,
  RECORDING_POLICY_LABELS,
  WRAPUP_MODE_LABELS,
} from "@/lib/validations/queue";
import { QueueForm } from "../queue-form";
import { DeleteQueueButton } from "./delete-queue-button";

export const metadata = { title: "Edit queue" };

export default async function EditQueuePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const me = await requirePermission("queues.read");
  const { id } = await params;
  const queue = await getQueueById({ id });
  if (!queue) notFound();
  const { saved } = await searchParams;
  const sounds = (await listSoundOptions()).map(({ id, name }) => ({ id, name }));
  const soundName = (id: string | null) =>
    id ? (sounds.find((s) => s.id === id)?.name ?? "a missing sound") : "None";
  return (
    <>
      <PageHeader title={queue.name} description={`Queue ${queue.number}`} />
      {saved && (
        <p
          role="status"
          className="mb-4 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          Saved. The change goes live with the next apply.
        </p>
      )}
      {can(me, "queues.write") ? (
        <div className="space-y-6">
          <QueueForm
            choices={await listDestinationOptions()}
            callerListChoices={await listCallerListOptions()}
            mohClasses={await listMohClassNames()}
            sounds={sounds}
            queue={{
              ...queue,
              outOfHours: { type: queue.outOfHoursType, target: queue.outOfHoursTarget ?? "" },
              callerLists: await getQueueListIds({ queueId: queue.id }),
            }}
          />
          <DeleteQueueButton queue={{ id: queue.id, number: queue.number, name: queue.name }} />
        </div>
      ) : (
        <dl className="card grid gap-x-6 gap-y-3 p-6 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Strategy</dt>
          <dd>{QUEUE_STRATEGY_LABELS[queue.strategy]}</dd>
          <dt className="font-medium">Recording</dt>
          <dd>{RECORDING_POLICY_LABELS[queue.recordingPolicy]}</dd>
          <dt className="font-medium">Wrap-up</dt>
          <dd>
            {WRAPUP_MODE_LABELS[queue.wrapupMode]}
            {queue.wrapupMode !== "off" && queue.wrapupNotesRequired ? ", notes required" : ""}
          </dd>
          <dt className="font-medium">Join greeting</dt>
          <dd>{soundName(queue.joinAnnounceSoundId)}</dd>
          <dt className="font-medium">Periodic announcement</dt>
          <dd>
            {soundName(queue.periodicAnnounceSoundId)}
            {queue.periodicAnnounceSoundId ? `, every ${queue.periodicAnnounceFrequency} s` : ""}
          </dd>
          <dt className="font-medium">Agent announcement</dt>
          <dd>{soundName(queue.agentAnnounceSoundId)}</dd>
          <dt className="font-medium">Static members</dt>
          <dd>
            {queue.staticMembers.length === 0
              ? "None"
              : queue.staticMembers.map((m) => `${m.number} ${m.name} (penalty ${m.penalty})`).join(", ")}
          </dd>
          <dt className="font-medium">Agents who may log in</dt>
          <dd>
            {queue.dynamicMembers.length === 0
              ? "None"
              : queue.dynamicMembers.map((m) => `${m.number} ${m.name}`).join(", ")}
          </dd>
          <dt className="font-medium">VIP callers</dt>
          <dd>{queue.vipCallers.length}</dd>
          <dt className="font-medium">Active hours</dt>
          <dd>
            {queue.activeHours.length === 0
              ? "Always open"
              : queue.activeHours
                  .map((w) => `${w.days.map((d) => DAY_LABELS[d]).join(", ")} ${w.start}–${w.end}`)
                  .join("; ")}
          </dd>
          <dt className="font-medium">Out of hours</dt>
          <dd>{describeDestination({ type: queue.outOfHoursType, target: queue.outOfHoursTarget })}</dd>
        </dl>
      )}
    </>
  );
}
