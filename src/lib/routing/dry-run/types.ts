import type { ConfigState, Destination } from "@/lib/asterisk/compiler/state";
import type { RouteStep } from "@/lib/routing/trace";

/** "Caller X dials DID Y at time T, pressing these IVR digits." */
export type DryRunInput = {
  did: string;
  callerId: string;
  at: Date;
  /** IVR presses, in order. */
  digits: string[];
};

export type DryRunContext = {
  state: ConfigState;
  input: DryRunInput;
  steps: RouteStep[];
  /** Presses left. */
  digits: string[];
};

/**
 * Walks one routing object reached at `number`: pushes its steps and returns the next destination,
 * or null when the call ends there. Registered per destination type in walkers.ts.
 */
export type Walker = (ctx: DryRunContext, number: string) => Destination | null;
