"use client";

import {
  Activity,
  Cable,
  ClipboardCheck,
  Clock,
  Coffee,
  FileAudio,
  GitCommitVertical,
  Headset,
  LayoutDashboard,
  ListOrdered,
  Megaphone,
  Menu,
  MessageSquareQuote,
  Music,
  Network,
  Phone,
  PhoneCall,
  PhoneForwarded,
  PhoneIncoming,
  Route,
  ScrollText,
  Settings,
  ShieldBan,
  Stethoscope,
  Tags,
  Users,
  UsersRound,
  Voicemail,
  X,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import type { NavIcon, NavItem } from "@/config/nav";
import { LogoutButton } from "./logout-button";
import { ThemeToggle } from "./theme-toggle";

const ICONS: Record<NavIcon, typeof Users> = {
  dashboard: LayoutDashboard,
  users: Users,
  audit: ScrollText,
  settings: Settings,
  extensions: Phone,
  groups: Headset,
  queues: ListOrdered,
  config: GitCommitVertical,
  panel: Activity,
  breakCodes: Coffee,
  soundboard: Megaphone,
  teams: UsersRound,
  calls: PhoneCall,
  recordings: FileAudio,
  qa: ClipboardCheck,
  myReviews: MessageSquareQuote,
  dispositions: Tags,
  callbacks: PhoneForwarded,
  phoneCheck: Stethoscope,
  dids: PhoneIncoming,
  ringTrees: Network,
  callerLists: ShieldBan,
  dryRun: Route,
  trunks: Cable,
  outboundRoutes: Route,
  voicemail: Voicemail,
  ivrs: Network,
  timeConditions: Clock,
  sounds: Music,
};

type ShellUser = { name: string; email: string; roleLabel: string };

/** Sidebar (a drawer on mobile) and top bar around every signed-in page. */
export function AppShell({
  nav,
  user,
  children,
}: {
  nav: NavItem[];
  user: ShellUser;
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  // Close the drawer whenever the route changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger
  useEffect(() => setOpen(false), [pathname]);

  const sections = [...new Set(nav.map((i) => i.section))];
  return (
    <div className="min-h-screen lg:pl-64">
      {open && (
        <button
          type="button"
          aria-label="Close navigation"
          className="fixed inset-0 z-30 bg-slate-950/60 lg:hidden"
          onClick={() => setOpen(false)}
        />
      )}
      <aside
        aria-label="Sidebar"
        className={`fixed inset-y-0 left-0 z-40 flex w-64 flex-col bg-slate-900 text-slate-300 transition-transform lg:translate-x-0 ${open ? "translate-x-0" : "-translate-x-full"}`}
      >
        <div className="flex h-16 items-center justify-between gap-2 border-b border-slate-800 px-5">
          <Link href="/" className="flex items-center gap-2 font-semibold text-white">
            <span className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-sm">SB</span>
            <span>Switchboard</span>
            <span className="size-2 rounded-full bg-teal-400" aria-hidden />
          </Link>
          <button
            type="button"
            className="rounded p-1 hover:bg-slate-800 lg:hidden"
            aria-label="Close navigation"
            onClick={() => setOpen(false)}
          >
            <X className="size-5" aria-hidden />
          </button>
        </div>
        <nav className="flex-1 overflow-y-auto px-3 py-4" aria-label="Main">
          {sections.map((section) => (
            <div key={section} className="mb-5">
              <p className="px-2 pb-2 text-[11px] font-semibold tracking-wider text-teal-400/80 uppercase">
                {section}
              </p>
              <ul className="space-y-1">
                {nav
                  .filter((i) => i.section === section)
                  .map((item) => {
                    const Icon = ICONS[item.icon];
                    const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
                    return (
                      <li key={item.href}>
                        <Link
                          href={item.href}
                          aria-current={active ? "page" : undefined}
                          className={`flex items-center gap-3 rounded-md px-2.5 py-2 text-sm font-medium transition-colors ${
                            active ? "bg-indigo-600 text-white shadow" : "hover:bg-slate-800 hover:text-white"
                          }`}
                        >
                          <Icon className="size-4.5" aria-hidden />
                          {item.label}
                        </Link>
                      </li>
                    );
                  })}
              </ul>
            </div>
          ))}
        </nav>
        <p className="border-t border-slate-800 px-5 py-3 text-xs text-slate-500">Asterisk call center</p>
      </aside>

      <header className="sticky top-0 z-20 flex h-16 items-center gap-3 border-b border-slate-200 bg-white/90 px-4 backdrop-blur sm:px-6 dark:border-slate-800 dark:bg-slate-900/90">
        <button
          type="button"
          className="rounded-md p-2 text-slate-600 hover:bg-slate-100 lg:hidden dark:text-slate-300 dark:hover:bg-slate-800"
          aria-label="Open navigation"
          aria-expanded={open}
          onClick={() => setOpen(true)}
        >
          <Menu className="size-5" aria-hidden />
        </button>
        <div className="flex-1" />
        <ThemeToggle />
        <div
          className="flex items-center gap-3 border-l border-slate-200 pl-3 dark:border-slate-700"
          data-testid="current-user"
        >
          <div className="hidden text-right sm:block">
            <p className="text-sm font-medium leading-tight">{user.name}</p>
            <p className="text-xs text-slate-500 dark:text-slate-400">{user.email}</p>
          </div>
          <span className="rounded-full bg-teal-50 px-2.5 py-0.5 text-xs font-semibold text-teal-700 ring-1 ring-teal-600/20 dark:bg-teal-400/10 dark:text-teal-300 dark:ring-teal-400/30">
            {user.roleLabel}
          </span>
          <LogoutButton />
        </div>
      </header>
      {/* The bottom padding lets a page's last controls scroll clear of the agent dock and the
          phone (CornerDocks), which float over the bottom-right corner. */}
      <main className="mx-auto max-w-7xl px-4 pt-6 pb-36 sm:px-6 lg:px-8">{children}</main>
    </div>
  );
}
