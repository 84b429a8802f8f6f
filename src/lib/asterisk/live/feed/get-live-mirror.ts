import "server-only";
import { getBus } from "@/lib/bus/get-bus";
import { LiveMirror } from "./live-mirror";

const g = globalThis as unknown as { __switchboardLiveMirror?: Promise<LiveMirror> };

/** This server process's mirror of the live state, started on first use. */
export function getLiveMirror(): Promise<LiveMirror> {
  g.__switchboardLiveMirror ??= (async () => {
    const mirror = new LiveMirror({ bus: getBus() });
    await mirror.start();
    return mirror;
  })().catch((err) => {
    g.__switchboardLiveMirror = undefined;
    throw err;
  });
  return g.__switchboardLiveMirror;
}

/** The mirror if this process has started one (it serves /api/live), without starting it. */
export function startedLiveMirror(): Promise<LiveMirror> | undefined {
  return g.__switchboardLiveMirror;
}
