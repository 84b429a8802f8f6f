import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { can, requirePermission } from "@/lib/auth/session";
import { getExtensionById, listLinkableUsers } from "@/lib/db/queries/extensions";
import { RECORDING_POLICY_LABELS } from "@/lib/validations/extension";
import { CLASS_LABELS } from "@/lib/validations/trunk-options";
import { ExtensionForm } from "../extension-form";
import { DeleteExtension } from "./delete-extension";
import { ExtensionCredentials } from "./extension-credentials";

export const metadata = { title: "Edit extension" };

export default async function EditExtensionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string; created?: string }>;
}) {
  const me = await requirePermission("extensions.read");
  const { id } = await params;
  const extension = await getExtensionById({ id });
  if (!extension) notFound();
  const { saved, created } = await searchParams;
  const editable = can(me, "extensions.write");
  const secrets = can(me, "extensions.secrets");
  const users = editable ? await listLinkableUsers() : [];
  return (
    <>
      <PageHeader
        title={`${extension.number} · ${extension.displayName}`}
        description={[
          extension.enabled ? "Enabled" : "Disabled",
          extension.linkedUser ? `linked to ${extension.linkedUser.name}` : "no linked user",
        ].join(" · ")}
      />
      {(saved || created) && (
        <p
          role="status"
          className="mb-4 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          {created ? "Extension created." : "Saved."} The change reaches Asterisk at the next apply.
        </p>
      )}
      <div className="space-y-6">
        {(editable || secrets) && (
          <ExtensionCredentials
            extension={{ id: extension.id, number: extension.number, linkedUser: extension.linkedUser }}
            canReveal={secrets}
            canRegenerate={editable}
          />
        )}
        {editable ? (
          <>
            <ExtensionForm extension={extension} users={users} />
            <DeleteExtension
              extension={{ id: extension.id, number: extension.number, name: extension.displayName }}
            />
          </>
        ) : (
          <dl className="card grid gap-x-6 gap-y-2 p-6 text-sm sm:grid-cols-2">
            <Item term="Linked user" value={extension.linkedUser?.name ?? "—"} />
            <Item term="WebRTC" value={extension.webrtc ? "Yes" : "No"} />
            <Item term="Codecs" value={extension.codecs.join(", ")} />
            <Item term="Max contacts" value={String(extension.maxContacts)} />
            <Item term="Voicemail" value={extension.voicemailEnabled ? "Yes" : "No"} />
            <Item term="Recording" value={RECORDING_POLICY_LABELS[extension.recordingPolicy]} />
            <Item term="Outbound caller ID" value={extension.outboundCallerId ?? "—"} />
            <Item term="Outbound calls" value={CLASS_LABELS[extension.classOfService]} />
            <Item term="Pickup group" value={extension.pickupGroup?.toString() ?? "—"} />
            <Item term="Call waiting" value={extension.callWaiting ? "Yes" : "No"} />
            <Item term="Do not disturb" value={extension.dnd ? "Yes" : "No"} />
          </dl>
        )}
      </div>
    </>
  );
}

function Item({ term, value }: { term: string; value: string }) {
  return (
    <div className="flex justify-between gap-4 border-b border-slate-100 py-1.5 dark:border-slate-800">
      <dt className="text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="font-medium">{value}</dd>
    </div>
  );
}
