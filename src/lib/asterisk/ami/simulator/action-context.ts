import type { AmiSession, Reply } from "./ami-session";
import type { HeaderLookup } from "./list-format";
import type { OriginateTiming } from "./originate";
import type { Scheduler } from "./scenario-runner";
import type { SimWorld } from "./sim-world";

/** What an action handler works with. */
export type ActionContext = {
  world: SimWorld;
  scheduler: Scheduler;
  /** How calls started or moved by actions play out: answer, ring and talk times. */
  timing: OriginateTiming;
  session: AmiSession;
};

export type ActionHandler = (ctx: ActionContext, get: HeaderLookup, id: string) => Reply | Promise<Reply>;
