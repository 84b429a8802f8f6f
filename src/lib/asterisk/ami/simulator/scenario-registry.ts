import type { ScenarioContext } from "./scenario-context";
import type { ScenarioStep } from "./scenario-runner";
import { type AgentPauseParams, agentPauseScenario } from "./scenarios/agent-pause";
import { type BasicCallParams, basicCallScenario } from "./scenarios/basic-call";
import { type BlindTransferParams, blindTransferScenario } from "./scenarios/blind-transfer";
import { type ConferenceParams, conferenceScenario } from "./scenarios/conference-call";
import { type HoldCallParams, holdCallScenario } from "./scenarios/hold-call";
import { type ParkCallParams, parkCallScenario } from "./scenarios/park-call";
import { type QueueCallParams, queueCallScenario } from "./scenarios/queue-call";

/** Every scenario by the name triggerScenario() and the load mix use, with its params type. */
export type ScenarioParamsByName = {
  "basic-call": BasicCallParams;
  "queue-call": QueueCallParams;
  "queue-abandon": Omit<QueueCallParams, "answer" | "answeredBy">;
  "hold-call": HoldCallParams;
  "blind-transfer": BlindTransferParams;
  "park-call": ParkCallParams;
  "agent-pause": AgentPauseParams;
  conference: ConferenceParams;
};

export type ScenarioName = keyof ScenarioParamsByName;

type Factories = {
  [N in ScenarioName]: (ctx: ScenarioContext, params: ScenarioParamsByName[N]) => ScenarioStep[];
};

export const SCENARIOS: Factories = {
  "basic-call": basicCallScenario,
  "queue-call": queueCallScenario,
  "queue-abandon": (ctx, params) => queueCallScenario(ctx, { ...params, answer: false }),
  "hold-call": holdCallScenario,
  "blind-transfer": blindTransferScenario,
  "park-call": parkCallScenario,
  "agent-pause": agentPauseScenario,
  conference: conferenceScenario,
};

export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}
