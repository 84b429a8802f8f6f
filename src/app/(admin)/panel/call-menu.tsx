"use client";

import { Can, usePermission } from "@/components/permissions-provider";
import type { LiveChannel } from "@/lib/asterisk/live/types";
import type { Leg } from "./extension-menu";
import { PanelDialog } from "./panel-dialog";
import { type CallGroup, callerLabel, formatDuration } from "./panel-model";
import type { PanelRequest } from "./panel-requests";

/**
 * Actions for one call (its row's Actions button): the keyboard way to everything a drag does,
 * plus supervision. Spy, attended transfer and recording act on the agent's leg; transfer and
 * park move the other party; hang-up ends the call.
 */
export function CallMenu({
  call,
  now,
  me,
  agent,
  movable,
  onRequest,
  onTransfer,
  onClose,
}: {
  call: CallGroup | null;
  now: number;
  me: string | null;
  agent: LiveChannel | null;
  movable: Leg | null;
  onRequest: (r: PanelRequest) => void;
  onTransfer: (leg: Leg, attended: boolean) => void;
  onClose: () => void;
}) {
  const canControl = usePermission("panel.control");
  const canRecord = usePermission("panel.record");
  const mayControl = canControl || canRecord;
  if (!call) return null;
  const first = call.legs[0]!;
  const title = callerLabel(first.callerIdNum, first.callerIdName);
  const spyable = agent && agent.endpoint !== me;
  const agentLabel = agent ? `${agent.endpoint}'s call` : title;
  const recordLeg = agent ?? first;
  return (
    <PanelDialog open title={`Call: ${title}`} onClose={onClose}>
      <div className="space-y-5 text-sm">
        <p>
          {call.legs.length} leg{call.legs.length === 1 ? "" : "s"} ·{" "}
          {formatDuration(now - (call.answeredAt ?? call.startedAt))}
          {call.onHold ? " · on hold" : ""}
          {call.recording ? " · recording" : ""}
        </p>
        {spyable && (
          <fieldset className="flex flex-wrap gap-2">
            <legend className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              Supervise
            </legend>
            <Can permission="panel.spy">
              <button
                type="button"
                className="btn-secondary"
                onClick={() =>
                  onRequest({ kind: "spy", mode: "listen", uniqueid: agent.uniqueid, label: agentLabel })
                }
              >
                Listen
              </button>
            </Can>
            <Can permission="panel.whisper">
              <button
                type="button"
                className="btn-secondary"
                onClick={() =>
                  onRequest({ kind: "spy", mode: "whisper", uniqueid: agent.uniqueid, label: agentLabel })
                }
              >
                Whisper
              </button>
            </Can>
            <Can permission="panel.barge">
              <button
                type="button"
                className="btn-danger"
                onClick={() =>
                  onRequest({ kind: "spy", mode: "barge", uniqueid: agent.uniqueid, label: agentLabel })
                }
              >
                Barge in
              </button>
            </Can>
          </fieldset>
        )}
        {mayControl && (
          <fieldset className="flex flex-wrap gap-2">
            <legend className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              Control
            </legend>
            <Can permission="panel.control">
              {movable && (
                <>
                  <button type="button" className="btn-secondary" onClick={() => onTransfer(movable, false)}>
                    Transfer {movable.label} to…
                  </button>
                  <button
                    type="button"
                    className="btn-secondary"
                    onClick={() =>
                      onRequest({ kind: "park", uniqueid: movable.uniqueid, label: movable.label })
                    }
                  >
                    Park {movable.label}
                  </button>
                </>
              )}
              {agent && (
                <button
                  type="button"
                  className="btn-secondary"
                  onClick={() => onTransfer({ uniqueid: agent.uniqueid, label: agentLabel }, true)}
                >
                  Attended transfer to…
                </button>
              )}
            </Can>
            <Can permission="panel.record">
              <button
                type="button"
                className="btn-secondary"
                onClick={() =>
                  onRequest({
                    kind: "record",
                    uniqueid: recordLeg.uniqueid,
                    on: !call.recording,
                    label: title,
                  })
                }
              >
                {call.recording ? "Stop recording" : "Record"}
              </button>
            </Can>
            <Can permission="panel.control">
              <button
                type="button"
                className="btn-danger"
                onClick={() =>
                  onRequest({ kind: "hangup", uniqueid: first.uniqueid, label: `the call with ${title}` })
                }
              >
                Hang up
              </button>
            </Can>
          </fieldset>
        )}
      </div>
    </PanelDialog>
  );
}
