import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { queues } from "@/lib/db/schema/queues";
import { AppError } from "@/lib/errors";

/**
 * On-demand recording from the panel is for extensions and queues whose policy allows it: a
 * "never" on the recorded leg's extension or on the queue the call came through wins (that is
 * what "never" promises callers and agents). "always" and "on_demand" allow it.
 */
export async function assertOnDemandAllowed(
  exec: Db | Tx,
  leg: { endpoint: string | null; queue?: string | null },
): Promise<void> {
  if (leg.endpoint) {
    const [ext] = await exec
      .select({ policy: extensions.recordingPolicy })
      .from(extensions)
      .where(eq(extensions.number, leg.endpoint))
      .limit(1);
    if (ext?.policy === "never") {
      throw new AppError(
        "forbidden:recording_policy",
        `Extension ${leg.endpoint} is never recorded: change its recording policy to allow recording on demand.`,
      );
    }
  }
  const queueNumber = leg.queue?.replace(/^q/, "");
  if (queueNumber) {
    const [queue] = await exec
      .select({ policy: queues.recordingPolicy })
      .from(queues)
      .where(eq(queues.number, queueNumber))
      .limit(1);
    if (queue?.policy === "never") {
      throw new AppError(
        "forbidden:recording_policy",
        `Calls of queue ${queueNumber} are never recorded: change its recording policy to allow recording on demand.`,
      );
    }
  }
}
