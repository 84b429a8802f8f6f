import type { SimWorld } from "./sim-world";
import type { SimChannel } from "./world-types";

/** What a scenario or action flow builds its steps with: the world and its own owner id. */
export type ScenarioContext = { world: SimWorld; runId: number };

/**
 * Whether the run may still act on `ch`: it is alive, not being torn down, and nobody took it
 * over (a panel Redirect, Park or transfer gives the channel a new owner).
 */
export function owns(ctx: ScenarioContext, ch: SimChannel | undefined): ch is SimChannel {
  return (
    ch !== undefined && ctx.world.channels.get(ch.uniqueid) === ch && ch.owner === ctx.runId && !ch.dying
  );
}

/** Hands a channel over to another run (an action flow). */
export function takeOver(ctx: ScenarioContext, ch: SimChannel): void {
  ch.owner = ctx.runId;
}
