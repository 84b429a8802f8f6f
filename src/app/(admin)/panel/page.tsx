import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { getLiveScope } from "@/lib/asterisk/live/scope";
import { amiConnection } from "@/lib/asterisk/publish/run";
import { can, requirePermission } from "@/lib/auth/session";
import { getPanelDirectory } from "@/lib/db/queries/panel";
import { AppError } from "@/lib/errors";
import { LivePanel } from "./live-panel";

export const metadata = { title: "Live panel" };

export default async function PanelPage() {
  const user = await requirePermission("panel.view");
  const configured = await amiConnection().then(
    () => true,
    (error) => {
      if (error instanceof AppError && error.code === "unavailable:ami_settings") return false;
      throw error;
    },
  );
  const scope = await getLiveScope(user);
  const directory = await getPanelDirectory({ scope, user });
  return (
    <>
      <PageHeader
        title="Live panel"
        description={
          scope.all
            ? "Every extension, queue and call, live."
            : "The extensions, queues and calls of your teams, live."
        }
      />
      {configured ? (
        <LivePanel directory={directory} me={user.extension} />
      ) : (
        <EmptyState title="Asterisk is not connected">
          {can(user, "settings.read") ? (
            <>
              The panel needs the Asterisk Manager Interface.{" "}
              <Link href="/settings" className="text-indigo-600 hover:underline">
                Set the AMI host, user and secret in Settings
              </Link>
              .
            </>
          ) : (
            "The panel needs the Asterisk Manager Interface. Ask an administrator to set it up in Settings."
          )}
        </EmptyState>
      )}
    </>
  );
}
