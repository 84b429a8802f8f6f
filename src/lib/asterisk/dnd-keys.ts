import { ALLOW } from "./allowlists";
import type { AmiEvent } from "./ami/message";

/** Do not disturb in AstDB (`sbdnd/<extension>` = 1) and its announcement; see extensions/dnd.ts. */
export const DND_FAMILY = "sbdnd";
export const DND_EVENT = "SwitchboardDnd";

/** The extensions a `DBGetTree` of the DND family lists (keys come as `/sbdnd/1001`). */
export function dndExtensionsOf(events: readonly AmiEvent[]): string[] {
  const prefix = `/${DND_FAMILY}/`;
  const out: string[] = [];
  for (const { event, fields } of events) {
    if (event !== "DBGetTreeResponse" || !fields.Key?.startsWith(prefix)) continue;
    const extension = fields.Key.slice(prefix.length);
    if (ALLOW.extensionNumber.test(extension)) out.push(extension);
  }
  return out;
}
