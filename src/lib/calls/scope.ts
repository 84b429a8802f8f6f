import type { Permission } from "@/lib/auth/permissions";
import type { CallScope } from "@/lib/db/queries/calls";

/**
 * What call history a user may search: `calls.read` sees every call; `calls.own` (agents) only
 * calls with a record from, to, or on a channel of their own extension, and nothing while they
 * have no extension. Null means no access at all. Enforced in the query, not just the UI.
 */
export function callScopeFor(user: {
  permissions: ReadonlySet<Permission>;
  extension: string | null;
}): CallScope | null {
  if (user.permissions.has("calls.read")) return { kind: "all" };
  if (user.permissions.has("calls.own")) return { kind: "own", extension: user.extension };
  return null;
}
