"use client";

import { useState } from "react";
import { Field, FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import { createTeam, updateTeam } from "./actions";
import { type MemberChoice, type MemberValue, TeamMembersEditor } from "./team-members-editor";
import { type QueueChoice, TeamQueuesEditor } from "./team-queues-editor";

export type ExistingTeam = { id: string; name: string; members: MemberValue[]; queues: QueueChoice[] };

export function TeamForm({
  team,
  choices,
}: {
  team?: ExistingTeam;
  choices: { users: MemberChoice[]; queues: QueueChoice[] };
}) {
  const [members, setMembers] = useState<MemberValue[]>(team?.members ?? []);
  const [queues, setQueues] = useState<QueueChoice[]>(team?.queues ?? []);
  const { errors, message, busy, submit } = useActionForm();
  const listErrors = (prefix: string) =>
    Object.entries(errors)
      .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`))
      .flatMap(([, v]) => v);

  return (
    <form
      className="card space-y-8 p-6"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const input = {
          name: String(f.get("name") ?? ""),
          members: members.map((m) => ({ userId: m.id, isSupervisor: m.isSupervisor })),
          queues: queues.map((q) => q.number),
        };
        await submit(
          () => (team ? updateTeam({ ...input, id: team.id }) : createTeam(input)),
          () => (team ? `/teams/${team.id}?saved=1` : "/teams"),
        );
      }}
    >
      <FormError message={message} />
      <div className="max-w-md">
        <Field label="Name" name="name" errors={errors.name} help="Up to 60 characters, unique.">
          {(p) => <input {...p} defaultValue={team?.name} className="input" autoComplete="off" />}
        </Field>
      </div>
      <Section id="members" title="Members">
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Supervisors see and act on the other members' calls and the team's queues on the live panel.
        </p>
        <TeamMembersEditor
          members={members}
          onChange={setMembers}
          choices={choices.users}
          errors={listErrors("members")}
        />
      </Section>
      <Section id="queues" title="Queues">
        <TeamQueuesEditor
          queues={queues}
          onChange={setQueues}
          choices={choices.queues}
          errors={listErrors("queues")}
        />
      </Section>
      <FormActions busy={busy} submitLabel={team ? "Save changes" : "Create team"} />
    </form>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-4 border-t border-slate-200 pt-6 dark:border-slate-800"
    >
      <h2 id={`${id}-heading`} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
