"use client";

import { Search } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { BlfTile } from "./blf-tile";
import type { DraggedCall } from "./call-drag";
import type { ExtensionTile } from "./panel-model";

/** More tiles than this make the page slow to update; the search narrows them down. */
const MAX_TILES = 400;

/**
 * The BLF grid: a tile per extension in scope. `/` focuses the search, arrow keys move between
 * tiles (Home/End to the ends), Enter or a click opens the extension's action menu, and a call
 * dropped on a tile is transferred there.
 */
export function BlfGrid({
  tiles,
  groups,
  now,
  truncated,
  onOpen,
  onDropCall,
}: {
  tiles: ExtensionTile[];
  groups: { id: string; label: string; extensions: string[] }[];
  now: number;
  truncated: boolean;
  onOpen: (number: string) => void;
  onDropCall: (call: DraggedCall, number: string) => void;
}) {
  const [q, setQ] = useState("");
  const [group, setGroup] = useState("");
  const [focused, setFocused] = useState(0);
  const search = useRef<HTMLInputElement>(null);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t?.closest("input, textarea, select, [contenteditable], dialog[open]")) return;
      e.preventDefault();
      search.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const visible = useMemo(() => {
    const members = groups.find((g) => g.id === group)?.extensions;
    const inGroup = members ? new Set(members) : null;
    const needle = q.trim().toLowerCase();
    return tiles.filter(
      (t) =>
        (!inGroup || inGroup.has(t.number)) &&
        (!needle || t.number.includes(needle) || t.name.toLowerCase().includes(needle)),
    );
  }, [tiles, groups, group, q]);
  const shown = visible.slice(0, MAX_TILES);
  const current = Math.min(focused, Math.max(0, shown.length - 1));

  const move = (e: React.KeyboardEvent) => {
    const cols = columns(refs.current.slice(0, shown.length));
    const next =
      {
        ArrowRight: current + 1,
        ArrowLeft: current - 1,
        ArrowDown: current + cols,
        ArrowUp: current - cols,
        Home: 0,
        End: shown.length - 1,
      }[e.key] ?? null;
    if (next === null) return;
    e.preventDefault();
    const target = Math.max(0, Math.min(shown.length - 1, next));
    setFocused(target);
    refs.current[target]?.focus();
  };

  return (
    <section aria-labelledby="blf-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="blf-heading" className="text-lg font-semibold">
          Extensions
        </h2>
        <div className="flex flex-wrap items-end gap-2">
          <div className="relative">
            <label htmlFor="blf-search" className="sr-only">
              Search extensions
            </label>
            <Search
              className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400"
              aria-hidden
            />
            <input
              id="blf-search"
              ref={search}
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder="Name or number  ( / )"
              aria-keyshortcuts="/"
              className="input w-64 pl-8"
              autoComplete="off"
            />
          </div>
          {groups.length > 0 && (
            <div>
              <label htmlFor="blf-group" className="sr-only">
                Show group
              </label>
              <select
                id="blf-group"
                value={group}
                onChange={(e) => setGroup(e.target.value)}
                className="input w-56"
              >
                <option value="">All extensions</option>
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.label}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
        {visible.length === tiles.length
          ? `${tiles.length} extension${tiles.length === 1 ? "" : "s"}`
          : `${visible.length} of ${tiles.length} extensions`}
        {visible.length > MAX_TILES ? `; showing the first ${MAX_TILES}, search to narrow down` : ""}
        {truncated ? "; more exist than the panel loads" : ""}. Arrow keys move, Enter opens actions; drop a
        call on an extension to transfer it.
      </p>
      {shown.length === 0 ? (
        <p className="card px-4 py-8 text-center text-sm text-slate-500 dark:text-slate-400">
          {tiles.length === 0 ? "No extensions in your scope." : "No extension matches."}
        </p>
      ) : (
        <ul
          aria-label="Extensions"
          onKeyDown={move}
          className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-2"
        >
          {shown.map((tile, i) => (
            <BlfTile
              key={tile.number}
              tile={tile}
              now={now}
              focusable={i === current}
              tileRef={(el) => {
                refs.current[i] = el;
              }}
              onFocus={() => setFocused(i)}
              onOpen={() => onOpen(tile.number)}
              onDropCall={(call) => onDropCall(call, tile.number)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** How many tiles fit in a row right now: those sharing the first tile's top edge. */
function columns(tiles: (HTMLElement | null)[]): number {
  const top = tiles[0]?.getBoundingClientRect().top;
  if (top === undefined) return 1;
  const n = tiles.filter((t) => t && Math.abs(t.getBoundingClientRect().top - top) < 2).length;
  return Math.max(1, n);
}
