/**
 * The bottom-right column holding the agent dock above the browser phone. Both grow upwards, so
 * as separately fixed boxes the dock covered the open phone's call (Hang up, Transfer, Answer);
 * in one column each pushes the other up, and together they never pass the top of the window
 * (each scrolls inside instead). The column itself lets clicks through to the page; its
 * children take them.
 */
export function CornerDocks({ children }: { children: React.ReactNode }) {
  return (
    <div className="pointer-events-none fixed right-4 bottom-4 z-40 flex max-h-[calc(100dvh-2rem)] w-80 max-w-[calc(100vw-2rem)] flex-col justify-end gap-2 print:hidden">
      {children}
    </div>
  );
}
