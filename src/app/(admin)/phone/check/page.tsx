import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { PhoneCheck } from "./phone-check";

export const metadata = { title: "Phone check" };

/** The pre-call check for browser-phone users; the settings it tests come from an authenticated fetch. */
export default async function PhoneCheckPage() {
  await requirePermission("softphone.use");
  return (
    <>
      <PageHeader
        title="Phone check"
        description="Checks this browser's microphone, its connection to the phone system and the network path for call audio, and says what to fix."
      />
      <PhoneCheck />
    </>
  );
}
