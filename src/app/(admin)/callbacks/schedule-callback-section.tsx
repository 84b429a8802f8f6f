"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CallbackForm } from "@/components/agent/callback-form";

export function ScheduleCallbackSection({ timeZone, minLocal }: { timeZone: string; minLocal: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <div className="mb-6 space-y-2">
      {saved && (
        <p role="status" className="text-sm text-teal-700 dark:text-teal-300">
          Callback scheduled.
        </p>
      )}
      {open ? (
        <CallbackForm
          timeZone={timeZone}
          minLocal={minLocal}
          onDone={() => {
            setOpen(false);
            setSaved(true);
            router.refresh();
          }}
          onCancel={() => setOpen(false)}
        />
      ) : (
        <button type="button" className="btn-primary" onClick={() => setOpen(true)}>
          New callback
        </button>
      )}
    </div>
  );
}
