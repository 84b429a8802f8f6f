"use client";

import { useState } from "react";
import {
  type DestinationChoices,
  DestinationPicker,
  type DestinationValue,
} from "@/components/destination-picker";
import type { ExtensionChoice } from "@/components/extension-adder";
import { Field, FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import type { FieldErrors } from "@/lib/errors";
import { intValue } from "@/lib/form-values";
import { GROUP_STRATEGIES, GROUP_STRATEGY_LABELS, RING_TIME } from "@/lib/validations/group";
import { createGroup, updateGroup } from "./actions";
import { MemberOrderList } from "./member-order-list";

export type ExistingGroup = {
  id: string;
  number: string;
  name: string;
  strategy: (typeof GROUP_STRATEGIES)[number];
  ringTime: number;
  failover: DestinationValue;
  members: ExtensionChoice[];
};

export function GroupForm({ group, choices }: { group?: ExistingGroup; choices: DestinationChoices }) {
  const [members, setMembers] = useState<ExtensionChoice[]>(group?.members ?? []);
  const [failover, setFailover] = useState<DestinationValue>(
    group?.failover ?? { type: "hangup", target: "" },
  );
  const [number, setNumber] = useState(group?.number ?? "");
  const { errors, message, busy, submit } = useActionForm();

  return (
    <form
      className="card space-y-6 p-6"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const input = {
          number,
          name: String(f.get("name") ?? ""),
          strategy: String(f.get("strategy") ?? "") as ExistingGroup["strategy"],
          ringTime: intValue(f.get("ringTime")),
          members: members.map((m) => m.number),
          failover,
        };
        await submit(
          () => (group ? updateGroup({ ...input, id: group.id }) : createGroup(input)),
          () => (group ? `/groups/${group.id}?saved=1` : "/groups"),
        );
      }}
    >
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Number"
          name="number"
          errors={errors.number}
          help="2–8 digits, unique across extensions, groups and queues."
        >
          {(p) => (
            <input
              {...p}
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              inputMode="numeric"
              className="input font-mono"
              autoComplete="off"
            />
          )}
        </Field>
        <Field
          label="Name"
          name="name"
          errors={errors.name}
          help="Up to 40 letters, digits, spaces, '.', '-' or '_'."
        >
          {(p) => <input {...p} defaultValue={group?.name} className="input" autoComplete="off" />}
        </Field>
        <Field label="Strategy" name="strategy" errors={errors.strategy}>
          {(p) => (
            <select {...p} defaultValue={group?.strategy ?? "ringall"} className="input">
              {GROUP_STRATEGIES.map((s) => (
                <option key={s} value={s}>
                  {GROUP_STRATEGY_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Ring time (seconds)"
          name="ringTime"
          errors={errors.ringTime}
          help={`${RING_TIME.min}–${RING_TIME.max} seconds before the failover takes the call.`}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={RING_TIME.min}
              max={RING_TIME.max}
              defaultValue={group?.ringTime ?? 20}
              className="input"
            />
          )}
        </Field>
      </div>

      <MemberOrderList
        members={members}
        onChange={setMembers}
        extensions={choices.extensions}
        errors={[...(errors.members ?? []), ...memberItemErrors(errors)]}
      />

      <section aria-labelledby="failover-heading" className="space-y-2">
        <h2 id="failover-heading" className="font-semibold">
          When nobody answers
        </h2>
        <DestinationPicker
          label="Failover"
          value={failover}
          onChange={setFailover}
          choices={choices}
          exclude={{ type: "group", number: number.trim() }}
          errors={{ type: errors["failover.type"], target: errors["failover.target"] }}
        />
      </section>

      <FormActions busy={busy} submitLabel={group ? "Save changes" : "Create group"} />
    </form>
  );
}

/** "members.3" errors (a bad number in the list) belong with the list. */
function memberItemErrors(errors: FieldErrors): string[] {
  return Object.entries(errors)
    .filter(([k]) => /^members\.\d+$/.test(k))
    .flatMap(([, v]) => v);
}
