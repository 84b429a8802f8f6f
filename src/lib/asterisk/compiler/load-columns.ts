import { getTableColumns, type Table } from "drizzle-orm";

type Timestamps = "createdAt" | "updatedAt";

/**
 * A table's columns minus createdAt/updatedAt, for `db.select(…)` in the compiler's loaders: the
 * compiler never reads them, and turning two timestamps per row into Dates was a good part of
 * loading 10,000 extensions and their routing.
 */
export function configColumns<T extends Table>(table: T): Omit<T["_"]["columns"], Timestamps> {
  const {
    createdAt: _created,
    updatedAt: _updated,
    ...columns
  } = getTableColumns(table) as Record<string, unknown>;
  return columns as Omit<T["_"]["columns"], Timestamps>;
}
