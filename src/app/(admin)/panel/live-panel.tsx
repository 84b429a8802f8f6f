"use client";

import { useMemo, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import { useLiveState } from "@/components/live/use-live-state";
import type { PanelDirectory } from "@/lib/db/queries/panel";
import { BlfGrid } from "./blf-grid";
import type { DraggedCall } from "./call-drag";
import { CallMenu } from "./call-menu";
import { CallsTable } from "./calls-table";
import { ConnectionStatus } from "./connection-status";
import { ExtensionMenu, type Leg } from "./extension-menu";
import { MyStatus } from "./my-status";
import {
  agentLeg,
  type CallGroup,
  callerLabel,
  callGroups,
  conferences,
  extensionTiles,
  movableLeg,
  parkedCalls,
  queueCards,
} from "./panel-model";
import { needsConfirm, type PanelRequest, runRequest } from "./panel-requests";
import { ParkingAndConferences } from "./parking-conferences";
import { QueueCards } from "./queue-cards";
import { TransferPicker } from "./transfer-picker";
import { useNow } from "./use-now";

type Menu = { type: "extension"; number: string } | { type: "call"; linkedid: string } | null;
type Pending = { request: PanelRequest; title: string; message: string; confirmLabel: string } | null;

/**
 * The live panel, fed by useLiveState (the SSE stream, shared by every tab). Every control ends
 * in a PanelRequest: menus, drag and drop and the transfer picker alike, and hang-ups and
 * barges are confirmed first.
 */
export function LivePanel({ directory, me }: { directory: PanelDirectory; me: string | null }) {
  const view = useLiveState();
  const now = useNow();
  const state = view.snapshot?.state ?? null;
  const tiles = useMemo(() => extensionTiles(directory.extensions, state), [directory.extensions, state]);
  const calls = useMemo(() => callGroups(state), [state]);
  const cards = useMemo(() => queueCards(directory.queues, state), [directory.queues, state]);
  const mine = useMemo(() => new Set(directory.extensions.map((e) => e.number)), [directory.extensions]);
  const [menu, setMenu] = useState<Menu>(null);
  const [transfer, setTransfer] = useState<{ leg: Leg; attended: boolean } | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [flash, setFlash] = useState<{ ok: boolean; text: string } | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const open = (next: Menu) => {
    opener.current = document.activeElement as HTMLElement | null;
    setMenu(next);
  };
  const closeAll = () => {
    setMenu(null);
    setTransfer(null);
    setPending(null);
    // The dialogs unmount rather than close(), so focus goes back by hand.
    requestAnimationFrame(() => opener.current?.focus());
  };
  const execute = async (request: PanelRequest) => {
    setBusy(true);
    const result = await runRequest(request);
    setBusy(false);
    closeAll();
    setFlash(
      result.ok
        ? { ok: true, text: result.data }
        : {
            ok: false,
            text: Object.values(result.error.fieldErrors ?? {}).flat()[0] ?? result.error.message,
          },
    );
  };
  const ask = (request: PanelRequest) => {
    setMenu(null);
    setTransfer(null);
    const confirm = needsConfirm(request);
    if (confirm) setPending({ request, ...confirm });
    else void execute(request);
  };
  /** The party to move: the other side from these extensions (all in scope, or one tile's). */
  const legOf = (call: CallGroup, from: ReadonlySet<string> = mine): Leg => {
    const leg = movableLeg(call, from);
    return { uniqueid: leg.uniqueid, label: callerLabel(leg.callerIdNum, leg.callerIdName) };
  };
  const transferDropped = (call: DraggedCall, number: string) =>
    ask({ kind: "transfer", uniqueid: call.uniqueid, number, attended: false, label: call.label });

  const tile = menu?.type === "extension" ? (tiles.find((t) => t.number === menu.number) ?? null) : null;
  const tileCall = tile?.call ? calls.find((c) => c.linkedid === tile.call!.linkedid) : undefined;
  const call = menu?.type === "call" ? (calls.find((c) => c.linkedid === menu.linkedid) ?? null) : null;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <ConnectionStatus view={view} />
        {busy && (
          <p role="status" className="text-sm text-slate-500">
            Working…
          </p>
        )}
        {flash && (
          <p
            role={flash.ok ? "status" : "alert"}
            className={`rounded-md px-3 py-2 text-sm ${flash.ok ? "bg-teal-50 text-teal-800 dark:bg-teal-950 dark:text-teal-200" : "border border-rose-200 bg-rose-50 text-rose-700 dark:border-rose-900 dark:bg-rose-950/50 dark:text-rose-300"}`}
          >
            {flash.text}
          </p>
        )}
      </div>
      <MyStatus
        me={me}
        myQueues={directory.myQueues}
        state={state}
        breakCodes={directory.breakCodes}
        onRequest={ask}
      />
      {!view.snapshot ? (
        <EmptyState title="Waiting for the live state">
          {view.stream === "reconnecting"
            ? "The live feed is not answering. It is retried automatically; if this persists, check that the AMI listener is running."
            : "Calls, queues and extensions appear as soon as the server sends them."}
        </EmptyState>
      ) : (
        <>
          <BlfGrid
            tiles={tiles}
            groups={directory.groups}
            now={now}
            truncated={directory.truncated}
            onOpen={(number) => open({ type: "extension", number })}
            onDropCall={transferDropped}
          />
          <QueueCards
            cards={cards}
            quality={state?.quality ?? {}}
            now={now}
            onOpenExtension={(number) => mine.has(number) && open({ type: "extension", number })}
            onDropCall={transferDropped}
          />
          <CallsTable
            calls={calls}
            now={now}
            moveLeg={(c) => legOf(c)}
            onOpen={(linkedid) => open({ type: "call", linkedid })}
          />
          <ParkingAndConferences
            parked={parkedCalls(state)}
            rooms={conferences(state)}
            now={now}
            onDropCall={(c) => ask({ kind: "park", uniqueid: c.uniqueid, label: c.label })}
            onUnpark={(p) =>
              ask({
                kind: "unpark",
                parked: `${p.lot}:${p.slot}`,
                label: callerLabel(p.callerIdNum, p.callerIdName),
              })
            }
          />
        </>
      )}
      <ExtensionMenu
        tile={tile}
        now={now}
        me={me}
        movable={tileCall && tile ? legOf(tileCall, new Set([tile.number])) : null}
        queues={directory.queues}
        breakCodes={directory.breakCodes}
        onRequest={ask}
        onTransfer={(leg, attended) => {
          setMenu(null);
          setTransfer({ leg, attended });
        }}
        onClose={closeAll}
      />
      <CallMenu
        call={call}
        now={now}
        me={me}
        agent={call ? agentLeg(call, mine) : null}
        movable={call ? legOf(call) : null}
        onRequest={ask}
        onTransfer={(leg, attended) => {
          setMenu(null);
          setTransfer({ leg, attended });
        }}
        onClose={closeAll}
      />
      <TransferPicker
        target={transfer}
        destinations={directory.destinations}
        onPick={(number) =>
          transfer &&
          ask({
            kind: "transfer",
            uniqueid: transfer.leg.uniqueid,
            number,
            attended: transfer.attended,
            label: transfer.leg.label,
          })
        }
        onClose={closeAll}
      />
      <ConfirmDialog
        open={pending !== null}
        title={pending?.title ?? ""}
        message={pending?.message ?? ""}
        confirmLabel={pending?.confirmLabel ?? "Confirm"}
        destructive
        busy={busy}
        onCancel={closeAll}
        onConfirm={() => pending && void execute(pending.request)}
      />
    </div>
  );
}
