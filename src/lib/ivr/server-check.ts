import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { checkDestination } from "@/lib/db/queries/destinations";
import { extensions } from "@/lib/db/schema/extensions";
import { sounds, timeConditions } from "@/lib/db/schema/ivr";
import { AppError, type FieldErrors } from "@/lib/errors";
import { checkGraph, type GraphProblem, type IvrGraph } from "./graph";

/**
 * The save-time check of an IVR graph against the database, inside the saving transaction: the
 * shape rules of checkGraph, plus every sound, time condition, mailbox and destination it names
 * (locked FOR SHARE, so a concurrent delete waits and then sees the reference). Problems come
 * back as field errors keyed `graph.node.<id>`, `graph.edge.<id>` or `graph`, which the canvas
 * pins to the step or connection.
 */
export async function assertGraphValid(tx: Tx, graph: IvrGraph, self: { number: string }): Promise<void> {
  const soundIds = new Set<string>();
  const tcNumbers = new Set<string>();
  const mailboxes = new Set<string>();
  for (const n of graph.nodes) {
    if (n.type === "play" && n.data.soundId) soundIds.add(n.data.soundId);
    if (n.type === "menu" && n.data.promptSoundId) soundIds.add(n.data.promptSoundId);
    if (n.type === "timecondition" && n.data.number) tcNumbers.add(n.data.number);
    if (n.type === "voicemail" && n.data.mailbox) mailboxes.add(n.data.mailbox);
  }
  const [soundRows, tcRows, vmRows] = await Promise.all([
    soundIds.size
      ? tx
          .select({ id: sounds.id })
          .from(sounds)
          .where(inArray(sounds.id, [...soundIds]))
          .for("share")
      : [],
    tcNumbers.size
      ? tx
          .select({ number: timeConditions.number })
          .from(timeConditions)
          .where(inArray(timeConditions.number, [...tcNumbers]))
          .for("share")
      : [],
    mailboxes.size
      ? tx
          .select({ number: extensions.number })
          .from(extensions)
          .where(and(inArray(extensions.number, [...mailboxes]), eq(extensions.voicemailEnabled, true)))
          .for("share")
      : [],
  ]);
  const problems: GraphProblem[] = checkGraph(graph, {
    soundIds: new Set(soundRows.map((r) => r.id)),
    timeConditionNumbers: new Set(tcRows.map((r) => r.number)),
    voicemailNumbers: new Set(vmRows.map((r) => r.number)),
  });
  for (const n of graph.nodes) {
    if (n.type !== "destination") continue;
    const d = n.data.destination;
    if (d.type === "ivr" && d.target === self.number) {
      problems.push({
        nodeId: n.id,
        message: "Use a connection to loop inside this IVR, not its own number.",
      });
      continue;
    }
    try {
      await checkDestination({ tx, destination: d, field: "destination" });
    } catch (error) {
      if (!(error instanceof AppError) || !error.fieldErrors) throw error;
      for (const messages of Object.values(error.fieldErrors))
        for (const message of messages) problems.push({ nodeId: n.id, message: `Route to: ${message}` });
    }
  }
  if (problems.length === 0) return;
  throw new AppError("bad_request:graph", "The call flow has problems: they are marked on the canvas.", {
    fieldErrors: graphFieldErrors(problems),
  });
}

export function graphFieldErrors(problems: GraphProblem[]): FieldErrors {
  const out: FieldErrors = {};
  for (const p of problems) {
    const key = p.edgeId ? `graph.edge.${p.edgeId}` : p.nodeId ? `graph.node.${p.nodeId}` : "graph";
    out[key] = [...(out[key] ?? []), p.message];
  }
  return out;
}
