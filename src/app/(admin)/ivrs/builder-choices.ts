import "server-only";
import { listDestinationOptions } from "@/lib/db/queries/destinations";
import { listSoundOptions } from "@/lib/db/queries/ivrs";
import type { BuilderChoices } from "./ivr-builder";

export async function loadBuilderChoices(): Promise<BuilderChoices> {
  const [sounds, destinations] = await Promise.all([listSoundOptions(), listDestinationOptions()]);
  return {
    sounds: sounds.map((s) => ({ id: s.id, name: s.name })),
    timeConditions: destinations.timeConditions,
    mailboxes: destinations.extensions
      .filter((e) => e.voicemail)
      .map((e) => ({ number: e.number, name: e.name })),
    destinations,
  };
}
