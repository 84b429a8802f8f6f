"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Escape closes the drawer; focus moves into it when it opens, so keyboard users land there. */
export function DrawerKeys({ closeHref }: { closeHref: string }) {
  const router = useRouter();
  useEffect(() => {
    document.querySelector<HTMLElement>("[data-drawer-close]")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") router.push(closeHref, { scroll: false });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [closeHref, router]);
  return null;
}
