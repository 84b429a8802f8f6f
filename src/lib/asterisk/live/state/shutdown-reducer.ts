import type { LiveCollection } from "../types";
import type { LiveModel, Reducer } from "./live-model";

/**
 * `Shutdown` (Asterisk stopping or restarting) → every channel, bridge, parked call, conference
 * and waiting caller is removed; the listener's next rebuild() (on reconnect) brings the new
 * run's state. Hints, devices and queue members stay until then: their events keep coming
 * during boot (18: hints go unavailable, then come back as contacts re-register). Noted spy
 * modes go with their channels.
 */
export const shutdownReducers: Record<string, Reducer> = {
  Shutdown(model) {
    for (const collection of ["channels", "bridges", "parked", "conferences"] as const)
      clear(model, collection);
    for (const queue of Object.values(model.state.queues)) {
      if (Object.keys(queue.entries).length === 0) continue;
      queue.entries = Object.create(null);
      model.touch("queues", queue.name);
    }
    model.entryQueue.clear();
    model.parkedKey.clear();
    model.conferenceOf.clear();
    model.spyModes.clear();
  },
};

function clear(model: LiveModel, collection: LiveCollection): void {
  for (const key of Object.keys(model.state[collection])) model.touch(collection, key);
  model.state[collection] = Object.create(null);
}
