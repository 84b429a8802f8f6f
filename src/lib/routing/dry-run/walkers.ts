import type { DestinationType } from "@/lib/db/schema/extensions";
import { walkIvr } from "./ivr";
import { walkQueue, walkRingTree } from "./ring-tree";
import { walkTimeCondition } from "./timecondition";
import type { Walker } from "./types";

/**
 * How the dry run follows each destination type. A type without a walker ends the call where it
 * is reached. Each routing object registers its own walker here.
 */
export const WALKERS: Partial<Record<DestinationType, Walker>> = {
  // Inbound routing
  ringtree: walkRingTree,
  queue: walkQueue,
  // IVRs and time conditions
  ivr: walkIvr,
  timecondition: walkTimeCondition,
};
