import "server-only";
import { and, asc, eq, gt, ilike, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import {
  type OutboundRoute,
  outboundRoutes,
  outboundRouteTrunks,
  type Trunk,
  trunks,
} from "@/lib/db/schema/trunks";
import { decodeCursor, encodeCursor, likeContains, PAGE_SIZE, type Page } from "./pagination";

/** A trunk as pages may show it: never the password, only whether one is stored. */
export type TrunkView = Omit<Trunk, "secret"> & { hasSecret: boolean };
export type TrunkListRow = Pick<
  Trunk,
  "id" | "name" | "direction" | "authMode" | "host" | "port" | "transport" | "maxChannels"
> & { routeCount: number };

const isNameCursor = (v: unknown): v is { name: string } =>
  typeof v === "object" && v !== null && typeof (v as { name: unknown }).name === "string";

/** Trunks by name (unique, so it alone is the keyset). Search matches name or host. */
export async function listTrunks({
  q,
  cursor,
  limit = PAGE_SIZE,
}: {
  q?: string;
  cursor?: string;
  limit?: number;
}): Promise<Page<TrunkListRow>> {
  const after = decodeCursor(cursor, isNameCursor);
  const search = q?.trim();
  const rows = await db
    .select({
      id: trunks.id,
      name: trunks.name,
      direction: trunks.direction,
      authMode: trunks.authMode,
      host: trunks.host,
      port: trunks.port,
      transport: trunks.transport,
      maxChannels: trunks.maxChannels,
      routeCount: sql<number>`(select count(*)::int from ${outboundRouteTrunks} r where r.trunk_id = ${trunks.id})`,
    })
    .from(trunks)
    .where(
      and(
        search
          ? or(ilike(trunks.name, likeContains(search)), ilike(trunks.host, likeContains(search)))
          : undefined,
        after ? gt(trunks.name, after.name) : undefined,
      ),
    )
    .orderBy(asc(trunks.name))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor({ name: last.name }) : null };
}

export async function getTrunkById({ id }: { id: string }): Promise<TrunkView | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(trunks).where(eq(trunks.id, id)).limit(1);
  if (!row) return undefined;
  const { secret, ...rest } = row;
  return { ...rest, hasSecret: Boolean(secret) };
}

/** Every trunk that can carry outbound calls, for the route form's picker. */
export async function listTrunkChoices(): Promise<
  { id: string; name: string; direction: Trunk["direction"] }[]
> {
  return db
    .select({ id: trunks.id, name: trunks.name, direction: trunks.direction })
    .from(trunks)
    .orderBy(asc(trunks.name));
}

export type RouteListRow = OutboundRoute & { trunks: string[] };

/** All routes in dial order (a handful per system; the order is the point, so no paging). */
export async function listRoutes({ q }: { q?: string } = {}): Promise<RouteListRow[]> {
  const search = q?.trim();
  const rows = await db
    .select()
    .from(outboundRoutes)
    .where(search ? ilike(outboundRoutes.name, likeContains(search)) : undefined)
    .orderBy(asc(outboundRoutes.position), asc(outboundRoutes.id));
  const links = await db
    .select({ routeId: outboundRouteTrunks.routeId, name: trunks.name })
    .from(outboundRouteTrunks)
    .innerJoin(trunks, eq(trunks.id, outboundRouteTrunks.trunkId))
    .orderBy(asc(outboundRouteTrunks.position));
  return rows.map((r) => ({ ...r, trunks: links.filter((l) => l.routeId === r.id).map((l) => l.name) }));
}

export async function getRouteById({
  id,
}: {
  id: string;
}): Promise<(OutboundRoute & { trunks: { id: string; name: string }[] }) | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [route] = await db.select().from(outboundRoutes).where(eq(outboundRoutes.id, id)).limit(1);
  if (!route) return undefined;
  const rows = await db
    .select({ id: trunks.id, name: trunks.name })
    .from(outboundRouteTrunks)
    .innerJoin(trunks, eq(trunks.id, outboundRouteTrunks.trunkId))
    .where(eq(outboundRouteTrunks.routeId, id))
    .orderBy(asc(outboundRouteTrunks.position));
  return { ...route, trunks: rows };
}

export async function listTrunkNames(): Promise<string[]> {
  const rows = await db.select({ name: trunks.name }).from(trunks).orderBy(asc(trunks.name));
  return rows.map((r) => r.name);
}
