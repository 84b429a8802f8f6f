"use client";

import { Can, usePermission } from "@/components/permissions-provider";
import type { Permission } from "@/lib/auth/permissions";
import type { QueueRef } from "@/lib/db/queries/panel";
import { BLF_LABELS } from "./blf-style";
import { PanelDialog } from "./panel-dialog";
import { callerLabel, type ExtensionTile, formatDuration } from "./panel-model";
import type { PanelRequest } from "./panel-requests";
import { PauseControl } from "./pause-control";

export type Leg = { uniqueid: string; label: string };

/**
 * The action menu of one extension (Enter on a tile): supervise or control its call, pick up
 * its ringing phone, call it, and manage its queues. Only what the user may do is shown; the
 * server checks every action again.
 */
export function ExtensionMenu({
  tile,
  now,
  me,
  movable,
  queues,
  breakCodes,
  onRequest,
  onTransfer,
  onClose,
}: {
  tile: ExtensionTile | null;
  now: number;
  me: string | null;
  /** The other party of the extension's call: what a transfer or a park moves. */
  movable: Leg | null;
  queues: QueueRef[];
  breakCodes: { code: string; label: string }[];
  onRequest: (r: PanelRequest) => void;
  onTransfer: (leg: Leg, attended: boolean) => void;
  onClose: () => void;
}) {
  const can = {
    spy: usePermission("panel.spy"),
    whisper: usePermission("panel.whisper"),
    barge: usePermission("panel.barge"),
    control: usePermission("panel.control"),
    record: usePermission("panel.record"),
    originate: usePermission("panel.originate"),
    queues: usePermission("panel.queues"),
    self: usePermission("agent.state"),
  };
  if (!tile) return null;
  const self = tile.number === me;
  const call = tile.call;
  const label = `${tile.name} (${tile.number})`;
  const mayPause = self ? can.self || can.queues : can.queues;
  const others = queues.filter((q) => !tile.queues.includes(q.name));
  const mayControlCall = can.spy || can.whisper || can.barge || can.control || can.record;

  return (
    <PanelDialog open title={label} onClose={onClose}>
      <div className="space-y-5 text-sm">
        <p>
          {BLF_LABELS[tile.state]}
          {call &&
            ` · ${call.onHold ? "on hold with" : "with"} ${tile.peer ? callerLabel(tile.peer.num, tile.peer.name) : "an unknown party"} for ${formatDuration(now - (call.answeredAt ?? call.createdAt))}`}
          {tile.paused && ` · paused: ${tile.paused.reason || "no reason"}`}
        </p>

        {call && !self && mayControlCall && (
          <Group title="This call">
            {SPY_MODES.map(({ mode, permission, text }) => (
              <Can key={mode} permission={permission}>
                <button
                  type="button"
                  className={mode === "barge" ? "btn-danger" : "btn-secondary"}
                  onClick={() => onRequest({ kind: "spy", mode, uniqueid: call.uniqueid, label })}
                >
                  {text}
                </button>
              </Can>
            ))}
            {can.control && movable && (
              <>
                <button type="button" className="btn-secondary" onClick={() => onTransfer(movable, false)}>
                  Transfer to…
                </button>
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() => onTransfer({ uniqueid: call.uniqueid, label }, true)}
                >
                  Attended transfer to…
                </button>
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() =>
                    onRequest({ kind: "park", uniqueid: movable.uniqueid, label: movable.label })
                  }
                >
                  Park
                </button>
              </>
            )}
            {can.record && (
              <button
                type="button"
                className="btn-secondary"
                onClick={() =>
                  onRequest({ kind: "record", uniqueid: call.uniqueid, on: !call.recording, label })
                }
              >
                {call.recording ? "Stop recording" : "Record"}
              </button>
            )}
            {can.control && (
              <button
                type="button"
                className="btn-danger"
                onClick={() =>
                  onRequest({ kind: "hangup", uniqueid: call.uniqueid, label: `the call of ${label}` })
                }
              >
                Hang up
              </button>
            )}
          </Group>
        )}

        {tile.ringing && !self && can.control && (
          <Group title="Ringing">
            <button
              type="button"
              className="btn-primary"
              onClick={() => onRequest({ kind: "pickup", uniqueid: tile.ringing!.uniqueid, label })}
            >
              Pick up on my phone
            </button>
          </Group>
        )}

        {!self && can.originate && me && (
          <Group title="Call">
            <button
              type="button"
              className="btn-secondary"
              onClick={() => onRequest({ kind: "call", number: tile.number })}
            >
              Call {tile.name} from my phone
            </button>
          </Group>
        )}

        {(mayPause || can.queues) && (tile.queues.length > 0 || (can.queues && others.length > 0)) && (
          <Group title="Queues">
            {mayPause && tile.queues.length > 0 && (
              <PauseControl
                paused={Boolean(tile.paused)}
                breakCodes={breakCodes}
                who={self ? "me" : tile.number}
                onPause={(breakCode) => onRequest({ kind: "pause", extension: tile.number, self, breakCode })}
                onUnpause={() => onRequest({ kind: "unpause", extension: tile.number, self })}
              />
            )}
            {can.queues &&
              tile.queues.map((q) => (
                <button
                  key={q}
                  type="button"
                  className="btn-secondary"
                  onClick={() =>
                    onRequest({ kind: "member", op: "remove", queue: q, extension: tile.number })
                  }
                >
                  Remove from {q}
                </button>
              ))}
            {can.queues &&
              others.map((q) => (
                <button
                  key={q.name}
                  type="button"
                  className="btn-secondary"
                  onClick={() =>
                    onRequest({ kind: "member", op: "add", queue: q.name, extension: tile.number })
                  }
                >
                  Add to {q.label} ({q.number})
                </button>
              ))}
          </Group>
        )}
      </div>
    </PanelDialog>
  );
}

const SPY_MODES: { mode: "listen" | "whisper" | "barge"; permission: Permission; text: string }[] = [
  { mode: "listen", permission: "panel.spy", text: "Listen" },
  { mode: "whisper", permission: "panel.whisper", text: "Whisper" },
  { mode: "barge", permission: "panel.barge", text: "Barge in" },
];

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-2">
      <legend className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        {title}
      </legend>
      <div className="flex flex-wrap gap-2">{children}</div>
    </fieldset>
  );
}
