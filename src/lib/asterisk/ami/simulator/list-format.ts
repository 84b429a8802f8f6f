import type { SimWorld } from "./sim-world";
import { formatMessage, type WireHeaders } from "./wire-format";

/** Reads an action header case-insensitively, as astman_get_header does. */
export type HeaderLookup = (key: string) => string;

/** Builds one list action's whole answer (response, items, Complete) from the world. */
export type ListBuilder = (world: SimWorld, get: HeaderLookup, id: string) => string;

/** One list item; QueueParams, QueueMember, QueueEntry, QueueSummary and ParkedCall put ActionID last. */
export type ListItem = { event: string; headers: WireHeaders; actionIdLast?: boolean };

/**
 * `Response: Success` + `EventList: start` + `Message`, the items (no Privilege, no Timestamp),
 * then `<complete>` with `EventList: Complete` and `ListItems` (and any `extra`, e.g. Total).
 */
export function list(
  id: string,
  message: string,
  complete: string,
  items: ListItem[],
  extra: WireHeaders = [],
): string {
  let out = formatMessage([
    ["Response", "Success"],
    ...idHeader(id),
    ["EventList", "start"],
    ["Message", message],
  ]);
  for (const item of items) {
    out += formatMessage(
      item.actionIdLast
        ? [["Event", item.event], ...item.headers, ...idHeader(id)]
        : [["Event", item.event], ...idHeader(id), ...item.headers],
    );
  }
  out += formatMessage([
    ["Event", complete],
    ...idHeader(id),
    ["EventList", "Complete"],
    ["ListItems", String(items.length)],
    ...extra,
  ]);
  return out;
}

export function error(id: string, message: string): string {
  return formatMessage([["Response", "Error"], ...idHeader(id), ["Message", message]]);
}

export function idHeader(id: string): WireHeaders {
  return id ? [["ActionID", id]] : [];
}
