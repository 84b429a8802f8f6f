import { PageHeader } from "@/components/page-header";
import { can, requirePermission } from "@/lib/auth/session";
import { getSettingsView } from "@/lib/db/queries/settings";
import { SETTING_GROUPS } from "@/lib/settings/registry";
import { SettingsForm } from "./settings-form";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePermission("settings.read");
  const view = await getSettingsView();
  return (
    <>
      <PageHeader
        title="Settings"
        description="Asterisk connection, time zone, e-mail and browser-phone servers. Values set in the server's environment win and are shown read-only."
      />
      <SettingsForm settings={view} groups={SETTING_GROUPS} editable={can(user, "settings.write")} />
    </>
  );
}
