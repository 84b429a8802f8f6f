import { asc } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db/client";
import { ivrs, mohClasses, mohClassSounds, sounds, timeConditions } from "@/lib/db/schema/ivr";
import { ivrGraphSchema } from "@/lib/ivr/graph";
import { soundsDir } from "@/lib/sounds/dir";
import { configColumns } from "./load-columns";
import type { ConfigState } from "./state";

type RoutingState = Pick<ConfigState, "soundsDir" | "sounds" | "mohClasses" | "timeConditions" | "ivrs">;

/** The sound library, music-on-hold classes, time conditions and IVRs, in five queries. */
export async function loadRoutingState(db: Db | Tx): Promise<RoutingState> {
  const [soundRows, classRows, classSoundRows, tcRows, ivrRows] = await Promise.all([
    db.select({ id: sounds.id, name: sounds.name }).from(sounds).orderBy(asc(sounds.name)),
    db.select(configColumns(mohClasses)).from(mohClasses).orderBy(asc(mohClasses.name)),
    db
      .select(configColumns(mohClassSounds))
      .from(mohClassSounds)
      .orderBy(asc(mohClassSounds.classId), asc(mohClassSounds.position)),
    db.select(configColumns(timeConditions)).from(timeConditions).orderBy(asc(timeConditions.number)),
    db.select(configColumns(ivrs)).from(ivrs).orderBy(asc(ivrs.number)),
  ]);
  const byClass = new Map<string, string[]>();
  for (const r of classSoundRows) byClass.set(r.classId, [...(byClass.get(r.classId) ?? []), r.soundId]);
  return {
    soundsDir: soundsDir(),
    sounds: soundRows,
    mohClasses: classRows.map((c) => ({
      id: c.id,
      name: c.name,
      sort: c.sort,
      sounds: byClass.get(c.id) ?? [],
    })),
    timeConditions: tcRows.map((t) => ({
      id: t.id,
      number: t.number,
      name: t.name,
      schedule: t.schedule,
      holidays: t.holidays,
      matched: { type: t.matchedType, target: t.matchedTarget },
      unmatched: { type: t.unmatchedType, target: t.unmatchedTarget },
    })),
    ivrs: ivrRows.map((i) => {
      // A graph that no longer parses compiles as an empty one; validateState names the IVR.
      const parsed = ivrGraphSchema.safeParse(i.graph);
      return {
        id: i.id,
        number: i.number,
        name: i.name,
        version: i.version,
        graph: parsed.success ? parsed.data : { nodes: [], edges: [] },
      };
    }),
  };
}
