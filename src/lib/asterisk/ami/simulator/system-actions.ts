import type { ActionHandler } from "./action-context";
import { reply } from "./ami-session";
import { error } from "./list-format";
import { cdrTime } from "./wire-format";

/** Modules a Reload can name; anything else is "No such module", as on Asterisk (17). */
const MODULES = new Set([
  "res_pjsip.so",
  "chan_pjsip.so",
  "app_queue.so",
  "pbx_config.so",
  "app_voicemail.so",
  "res_musiconhold.so",
  "res_parking.so",
  "app_confbridge.so",
  "cdr",
  "manager",
  "features",
  "dnsmgr",
]);

export const SYSTEM_ACTIONS: Record<string, ActionHandler> = {
  coresettings: (_ctx, _get, id) => ({
    text: reply(id, [
      ["Response", "Success"],
      ["AMIversion", "11.0.0"],
      ["AsteriskVersion", "22.10.1"],
      ["SystemName", ""],
      ["CoreMaxCalls", "0"],
      ["CoreMaxLoadAvg", "0.000000"],
      ["CoreRunUser", "asterisk"],
      ["CoreRunGroup", "asterisk"],
      ["CoreMaxFilehandles", "0"],
      ["CoreRealTimeEnabled", "No"],
      ["CoreCDRenabled", "Yes"],
      ["CoreHTTPenabled", "No"],
      ["SoundsSearchCustomDir", "No"],
    ]),
  }),

  corestatus: ({ world }, _get, id) => {
    const [date, time] = cdrTime(world.startedAt).split(" ");
    const calls = new Set([...world.channels.values()].map((ch) => ch.linkedid)).size;
    return {
      text: reply(id, [
        ["Response", "Success"],
        ["CoreStartupDate", date ?? ""],
        ["CoreStartupTime", time ?? ""],
        ["CoreReloadDate", date ?? ""],
        ["CoreReloadTime", time ?? ""],
        ["CoreCurrentCalls", String(calls)],
        ["CoreProcessedCalls", String(world.processedCalls)],
      ]),
    };
  },

  reload: ({ world }, get, id) => {
    const module = get("Module");
    if (module && !MODULES.has(module)) {
      return {
        text: error(id, "No such module"),
        after: () =>
          world.emit("Reload", "system,all", [
            ["Module", module],
            ["Status", "2"],
          ]),
      };
    }
    return {
      text: reply(id, [
        ["Response", "Success"],
        ["Message", "Module Reloaded"],
      ]),
      after: () =>
        world.emit("Reload", "system,all", [
          ["Module", module || "All"],
          ["Status", "0"],
        ]),
    };
  },
};
