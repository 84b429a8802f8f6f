import type { ActionHandler } from "./action-context";
import { reply } from "./ami-session";
import { error, list } from "./list-format";

/**
 * AstDB over AMI, answered as main/db.c does: DBPut, DBDel and DBDelTree (an absent key or family
 * is "Database entry not found"), and DBGetTree as a list of `DBGetTreeResponse` items whose Key
 * is the full `/<family>/<key>` path, ActionID last.
 */
export const ASTDB_ACTIONS: Record<string, ActionHandler> = {
  dbput: ({ world }, get, id) => {
    const family = get("Family");
    const key = get("Key");
    if (!family) return { text: error(id, "No family specified") };
    if (!key) return { text: error(id, "No key specified") };
    world.astdb.set(`/${family}/${key}`, get("Val"));
    return {
      text: reply(id, [
        ["Response", "Success"],
        ["Message", "Updated database successfully"],
      ]),
    };
  },

  dbdel: ({ world }, get, id) => {
    const family = get("Family");
    const key = get("Key");
    if (!family) return { text: error(id, "No family specified.") };
    if (!key) return { text: error(id, "No key specified.") };
    if (!world.astdb.delete(`/${family}/${key}`)) return { text: error(id, "Database entry not found") };
    return {
      text: reply(id, [
        ["Response", "Success"],
        ["Message", "Key deleted successfully"],
      ]),
    };
  },

  dbdeltree: ({ world }, get, id) => {
    const family = get("Family");
    if (!family) return { text: error(id, "No family specified.") };
    const prefix = `/${family}${get("Key") ? `/${get("Key")}` : ""}`;
    let deleted = 0;
    for (const key of [...world.astdb.keys()]) {
      if (key === prefix || key.startsWith(`${prefix}/`)) deleted += world.astdb.delete(key) ? 1 : 0;
    }
    if (deleted === 0) return { text: error(id, "Database entry not found") };
    return {
      text: reply(id, [
        ["Response", "Success"],
        ["Message", "Key tree deleted successfully"],
      ]),
    };
  },

  dbgettree: ({ world }, get, id) => {
    const family = get("Family");
    const prefix = family ? `/${family}${get("Key") ? `/${get("Key")}` : ""}` : "";
    const items = [...world.astdb.entries()]
      .filter(([key]) => !prefix || key === prefix || key.startsWith(`${prefix}/`))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => ({
        event: "DBGetTreeResponse",
        headers: [
          ["Key", key],
          ["Val", value],
        ] as [string, string][],
        actionIdLast: true,
      }));
    return { text: list(id, "Result will follow", "DBGetTreeComplete", items) };
  },
};
