import { ThemeToggle } from "@/components/theme-toggle";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="relative flex min-h-screen items-center justify-center bg-gradient-to-br from-slate-900 via-slate-900 to-indigo-950 px-4 py-12">
      <div className="absolute top-4 right-4 rounded-md bg-white/90 dark:bg-slate-900/90">
        <ThemeToggle />
      </div>
      <div className="w-full max-w-md">
        <div className="mb-6 flex items-center justify-center gap-2 text-white">
          <span className="grid size-10 place-items-center rounded-xl bg-indigo-600 font-semibold">SB</span>
          <span className="text-2xl font-semibold">Switchboard</span>
          <span className="size-2.5 rounded-full bg-teal-400" aria-hidden />
        </div>
        <div className="card p-6 sm:p-8">{children}</div>
      </div>
    </div>
  );
}
