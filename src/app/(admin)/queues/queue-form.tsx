"use client";

import { useState } from "react";
import { type CallerListChoice, CallerListPicker } from "@/components/caller-list-picker";
import {
  type DestinationChoices,
  DestinationPicker,
  type DestinationValue,
} from "@/components/destination-picker";
import type { ExtensionChoice } from "@/components/extension-adder";
import { Field, FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { type SoundChoice, SoundSelect } from "@/components/sound-select";
import { useActionForm } from "@/components/use-action-form";
import type { ActiveHoursWindow, QueueStrategy } from "@/lib/db/schema/queues";
import { intValue } from "@/lib/form-values";
import {
  QUEUE_LIMITS,
  QUEUE_STRATEGIES,
  QUEUE_STRATEGY_LABELS,
  RECORDING_POLICIES,
  RECORDING_POLICY_LABELS,
  WRAPUP_MODE_LABELS,
  WRAPUP_MODES,
} from "@/lib/validations/queue";
import { createQueue, updateQueue } from "./actions";
import { ActiveHoursEditor, type WindowValue } from "./active-hours-editor";
import { QueueMembersEditor, type StaticMemberValue } from "./queue-members-editor";
import { VipCallersEditor, type VipValue } from "./vip-callers-editor";

type RecordingPolicy = (typeof RECORDING_POLICIES)[number];

export type ExistingQueue = {
  id: string;
  number: string;
  name: string;
  strategy: QueueStrategy;
  memberTimeout: number;
  retry: number;
  wrapupTime: number;
  maxLen: number;
  weight: number;
  joinEmpty: boolean;
  leaveWhenEmpty: boolean;
  announcePosition: boolean;
  announceHoldTime: boolean;
  mohClass: string;
  serviceLevel: number;
  recordingPolicy: RecordingPolicy;
  wrapupMode: (typeof WRAPUP_MODES)[number];
  wrapupNotesRequired: boolean;
  staticMembers: (ExtensionChoice & { penalty: number })[];
  dynamicMembers: ExtensionChoice[];
  vipCallers: { number: string; priority: number }[];
  activeHours: ActiveHoursWindow[];
  outOfHours: DestinationValue;
  callerLists?: string[];
  joinAnnounceSoundId: string | null;
  periodicAnnounceSoundId: string | null;
  periodicAnnounceFrequency: number | null;
  agentAnnounceSoundId: string | null;
};

/** Filled in when a periodic announcement is first chosen; any 15–600 s may be typed instead. */
const DEFAULT_PERIODIC_FREQUENCY = "60";

const NUMBERS = [
  ["memberTimeout", "Member timeout (seconds)", 15, "How long each member's phone rings."],
  ["retry", "Retry (seconds)", 5, "Pause before ringing members again."],
  ["wrapupTime", "Wrap-up time (seconds)", 0, "Rest after a call before the next one."],
  ["maxLen", "Max callers waiting", 0, "0 means no limit."],
  ["weight", "Weight", 0, "Queues with more weight get shared members first."],
  ["serviceLevel", "Service level (seconds)", 20, "Answer target for the service-level statistics."],
] as const;

const FLAGS = [
  ["joinEmpty", "Callers may join when no member is available", true],
  ["leaveWhenEmpty", "Callers leave when no member is available", false],
  ["announcePosition", "Announce position in the queue", false],
  ["announceHoldTime", "Announce expected hold time", false],
] as const;

export function QueueForm({
  queue,
  choices,
  callerListChoices = [],
  mohClasses = [],
  sounds = [],
}: {
  queue?: ExistingQueue;
  choices: DestinationChoices;
  callerListChoices?: CallerListChoice[];
  /** Music-on-hold classes of the sound library; "default" is always offered. */
  mohClasses?: string[];
  /** The sound library, for the announcements. */
  sounds?: SoundChoice[];
}) {
  const [callerLists, setCallerLists] = useState<string[]>(queue?.callerLists ?? []);
  const [number, setNumber] = useState(queue?.number ?? "");
  const [staticMembers, setStatic] = useState<StaticMemberValue[]>(
    (queue?.staticMembers ?? []).map((m) => ({ ...m, penalty: String(m.penalty) })),
  );
  const [dynamicMembers, setDynamic] = useState<ExtensionChoice[]>(queue?.dynamicMembers ?? []);
  const [vips, setVips] = useState<VipValue[]>(
    (queue?.vipCallers ?? []).map((v) => ({ number: v.number, priority: String(v.priority) })),
  );
  const [windows, setWindows] = useState<WindowValue[]>(
    (queue?.activeHours ?? []).map((w, i) => ({ ...w, key: `window-${i}` })),
  );
  const [outOfHours, setOutOfHours] = useState<DestinationValue>(
    queue?.outOfHours ?? { type: "hangup", target: "" },
  );
  const [joinSound, setJoinSound] = useState<string | null>(queue?.joinAnnounceSoundId ?? null);
  const [periodicSound, setPeriodicSound] = useState<string | null>(queue?.periodicAnnounceSoundId ?? null);
  const [frequency, setFrequency] = useState(
    queue?.periodicAnnounceFrequency == null ? "" : String(queue.periodicAnnounceFrequency),
  );
  const [agentSound, setAgentSound] = useState<string | null>(queue?.agentAnnounceSoundId ?? null);
  const { errors, message, busy, submit } = useActionForm();
  const freq = QUEUE_LIMITS.periodicAnnounceFrequency;

  return (
    <form
      className="card space-y-8 p-6"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const input = {
          number,
          name: String(f.get("name") ?? ""),
          strategy: String(f.get("strategy") ?? "") as QueueStrategy,
          recordingPolicy: String(f.get("recordingPolicy") ?? "") as RecordingPolicy,
          wrapupMode: String(f.get("wrapupMode") ?? "") as (typeof WRAPUP_MODES)[number],
          wrapupNotesRequired: f.get("wrapupNotesRequired") === "on",
          mohClass: String(f.get("mohClass") ?? ""),
          ...(Object.fromEntries(NUMBERS.map(([key]) => [key, intValue(f.get(key))])) as Record<
            (typeof NUMBERS)[number][0],
            number
          >),
          ...(Object.fromEntries(FLAGS.map(([key]) => [key, f.get(key) === "on"])) as Record<
            (typeof FLAGS)[number][0],
            boolean
          >),
          staticMembers: staticMembers.map((m) => ({ number: m.number, penalty: intValue(m.penalty) })),
          dynamicMembers: dynamicMembers.map((m) => m.number),
          vipCallers: vips.map((v) => ({ number: v.number, priority: intValue(v.priority) })),
          activeHours: windows.map(({ days, start, end }) => ({ days, start, end })),
          outOfHours,
          callerLists,
          joinAnnounceSoundId: joinSound,
          periodicAnnounceSoundId: periodicSound,
          // Without a periodic announcement its frequency means nothing, so it isn't sent.
          periodicAnnounceFrequency: periodicSound ? intValue(frequency) : null,
          agentAnnounceSoundId: agentSound,
        };
        await submit(
          () => (queue ? updateQueue({ ...input, id: queue.id }) : createQueue(input)),
          () => (queue ? `/queues/${queue.id}?saved=1` : "/queues"),
        );
      }}
    >
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
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
          {(p) => <input {...p} defaultValue={queue?.name} className="input" autoComplete="off" />}
        </Field>
        <Field
          label="Strategy"
          name="strategy"
          errors={errors.strategy}
          help="Which member gets the next call."
        >
          {(p) => (
            <select {...p} defaultValue={queue?.strategy ?? "ringall"} className="input">
              {QUEUE_STRATEGIES.map((s) => (
                <option key={s} value={s}>
                  {QUEUE_STRATEGY_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {NUMBERS.map(([key, label, fallback, help]) => (
          <Field
            key={key}
            label={label}
            name={key}
            errors={errors[key]}
            help={`${help} ${QUEUE_LIMITS[key].min}–${QUEUE_LIMITS[key].max}.`}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                min={QUEUE_LIMITS[key].min}
                max={QUEUE_LIMITS[key].max}
                defaultValue={queue?.[key] ?? fallback}
                className="input"
              />
            )}
          </Field>
        ))}
        <Field
          label="Music on hold class"
          name="mohClass"
          errors={errors.mohClass}
          help="“default”, or a class from the sound library (Sounds page)."
        >
          {(p) => (
            <select {...p} defaultValue={queue?.mohClass ?? "default"} className="input font-mono">
              {[...new Set(["default", ...mohClasses, queue?.mohClass ?? "default"])].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Recording" name="recordingPolicy" errors={errors.recordingPolicy}>
          {(p) => (
            <select {...p} defaultValue={queue?.recordingPolicy ?? "never"} className="input">
              {RECORDING_POLICIES.map((r) => (
                <option key={r} value={r}>
                  {RECORDING_POLICY_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <fieldset className="grid items-end gap-4 sm:grid-cols-2">
        <legend className="label">Agent wrap-up after each call</legend>
        <Field
          label="Wrap-up"
          name="wrapupMode"
          errors={errors.wrapupMode}
          help="Agents pick a disposition code and add notes; takes effect at once, nothing to apply."
        >
          {(p) => (
            <select {...p} defaultValue={queue?.wrapupMode ?? "optional"} className="input">
              {WRAPUP_MODES.map((m) => (
                <option key={m} value={m}>
                  {WRAPUP_MODE_LABELS[m]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input
            type="checkbox"
            name="wrapupNotesRequired"
            defaultChecked={queue?.wrapupNotesRequired ?? false}
          />
          Notes required too
        </label>
        {errors.wrapupNotesRequired && (
          <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
            {errors.wrapupNotesRequired.join(" ")}
          </p>
        )}
      </fieldset>

      <fieldset className="grid gap-2 sm:grid-cols-2">
        <legend className="label">Caller experience</legend>
        {FLAGS.map(([key, label, fallback]) => (
          <label key={key} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={key} defaultChecked={queue?.[key] ?? fallback} />
            {label}
          </label>
        ))}
      </fieldset>

      <Section id="announcements" title="Announcements">
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Each is optional and comes from the sound library.
        </p>
        <div className="grid gap-4 lg:grid-cols-3">
          <SoundSelect
            label="Join greeting"
            name="joinAnnounceSoundId"
            value={joinSound}
            sounds={sounds}
            onChange={setJoinSound}
            placeholder="None"
            errors={errors.joinAnnounceSoundId}
            help="Played to each caller before they join the queue."
          />
          <div className="space-y-3">
            <SoundSelect
              label="Periodic announcement"
              name="periodicAnnounceSoundId"
              value={periodicSound}
              sounds={sounds}
              onChange={(id) => {
                setPeriodicSound(id);
                if (id && frequency.trim() === "") setFrequency(DEFAULT_PERIODIC_FREQUENCY);
              }}
              placeholder="None"
              errors={errors.periodicAnnounceSoundId}
              help="Repeated to callers while they wait."
            />
            <Field
              label="Repeat every (seconds)"
              name="periodicAnnounceFrequency"
              errors={errors.periodicAnnounceFrequency}
              help={
                periodicSound ? `${freq.min}–${freq.max} seconds.` : "Choose a periodic announcement first."
              }
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min={freq.min}
                  max={freq.max}
                  value={periodicSound ? frequency : ""}
                  disabled={!periodicSound}
                  onChange={(e) => setFrequency(e.target.value)}
                  className="input"
                />
              )}
            </Field>
          </div>
          <SoundSelect
            label="Agent announcement"
            name="agentAnnounceSoundId"
            value={agentSound}
            sounds={sounds}
            onChange={setAgentSound}
            placeholder="None"
            errors={errors.agentAnnounceSoundId}
            help="Played to the agent who answers, before the caller is connected."
          />
        </div>
      </Section>

      <Section id="members" title="Members">
        <QueueMembersEditor
          staticMembers={staticMembers}
          dynamicMembers={dynamicMembers}
          onStaticChange={setStatic}
          onDynamicChange={setDynamic}
          extensions={choices.extensions}
          errors={errors}
        />
      </Section>

      <Section id="vip" title="VIP callers">
        <VipCallersEditor vips={vips} onChange={setVips} errors={errors} />
      </Section>

      <Section id="hours" title="Active hours">
        <ActiveHoursEditor windows={windows} onChange={setWindows} errors={errors} />
        <DestinationPicker
          label="Out-of-hours"
          value={outOfHours}
          onChange={setOutOfHours}
          choices={choices}
          exclude={{ type: "queue", number: number.trim() }}
          help="Where calls go while the queue is closed."
          errors={{ type: errors["outOfHours.type"], target: errors["outOfHours.target"] }}
        />
      </Section>

      <Section id="screening" title="Caller screening">
        <CallerListPicker
          lists={callerListChoices}
          value={callerLists}
          onChange={setCallerLists}
          errors={errors.callerLists}
        />
      </Section>

      <FormActions busy={busy} submitLabel={queue ? "Save changes" : "Create queue"} />
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
