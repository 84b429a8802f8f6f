import { AgentDock } from "@/components/agent/agent-dock";
import { AppShell } from "@/components/app-shell";
import { CornerDocks } from "@/components/corner-docks";
import { PendingBar } from "@/components/pending-bar";
import { PermissionsProvider } from "@/components/permissions-provider";
import { SessionWatcher } from "@/components/session-watcher";
import { Softphone } from "@/components/softphone/softphone";
import { navFor } from "@/config/nav";
import { countPendingChanges } from "@/lib/asterisk/pending";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getAgentControls } from "@/lib/db/queries/agent";

/** Every signed-in page. Pages check their own permission too: layouts don't re-run on navigation. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const pending = user.permissions.has("config.apply") ? await countPendingChanges() : 0;
  const agent =
    user.permissions.has("agent.state") && user.extension
      ? await getAgentControls({ extension: user.extension })
      : { breakCodes: [], myQueues: [] };
  return (
    <PermissionsProvider permissions={[...user.permissions]}>
      <AppShell
        nav={navFor(user.permissions)}
        user={{ name: user.name, email: user.email, roleLabel: ROLE_LABELS[user.role] }}
      >
        <PendingBar count={pending} />
        {children}
      </AppShell>
      <SessionWatcher />
      <CornerDocks>
        <AgentDock me={user.extension} myQueues={agent.myQueues} breakCodes={agent.breakCodes} />
        {/* The phone fetches its own account; users without softphone.use or an extension get none. */}
        {user.permissions.has("softphone.use") && user.extension && <Softphone />}
      </CornerDocks>
    </PermissionsProvider>
  );
}
