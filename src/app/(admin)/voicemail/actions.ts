"use server";

import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { extensions } from "@/lib/db/schema/extensions";
import { AppError } from "@/lib/errors";
import { forwardSchema, greetingSchema, markSchema, messageRefSchema } from "@/lib/validations/voicemail";
import { authorizeBox, refreshMailbox, spoolRoot, spoolToAppError } from "@/lib/voicemail/access";
import { convertGreeting, MAX_GREETING_BYTES } from "@/lib/voicemail/greeting";
import { deleteMessage, forwardMessage, greetingPath, moveMessage } from "@/lib/voicemail/spool";

// Permission null here: each action checks the box itself (own box, or voicemail.any).

export const markMessage = action(null, markSchema, async (input, { user, afterCommit }) => {
  await authorizeBox(user, input.box);
  const from = input.heard ? "INBOX" : "Old";
  if (input.folder !== from) return { data: { folder: input.folder, index: input.index } };
  const to = input.heard ? "Old" : "INBOX";
  const index = await moveMessage(spoolRoot(), input.box, from, input.index, to).catch(rethrow);
  afterCommit(() => refreshMailbox(input.box));
  revalidatePath("/voicemail");
  return { data: { folder: to, index } };
});

export const deleteVoicemail = action(null, messageRefSchema, async (input, { user, afterCommit }) => {
  await authorizeBox(user, input.box);
  await deleteMessage(spoolRoot(), input.box, input.folder, input.index).catch(rethrow);
  afterCommit(() => refreshMailbox(input.box));
  revalidatePath("/voicemail");
  return {
    data: { ok: true },
    audit: {
      action: "voicemail.delete",
      entity: "voicemail",
      entityId: input.box,
      entityLabel: `Voicemail ${input.box}`,
      before: { folder: input.folder, index: input.index },
    },
  };
});

export const forwardVoicemail = action(null, forwardSchema, async (input, { user, tx, afterCommit }) => {
  await authorizeBox(user, input.box);
  const [target] = await tx
    .select({ number: extensions.number, voicemail: extensions.voicemailEnabled })
    .from(extensions)
    .where(eq(extensions.number, input.toBox))
    .limit(1);
  if (!target?.voicemail) {
    const message = `${input.toBox} is not an extension with voicemail.`;
    throw new AppError("bad_request:input", message, { fieldErrors: { toBox: [message] } });
  }
  const index = await forwardMessage(spoolRoot(), input.box, input.folder, input.index, input.toBox).catch(
    rethrow,
  );
  afterCommit(() => refreshMailbox(input.toBox));
  return {
    data: { index },
    audit: {
      action: "voicemail.forward",
      entity: "voicemail",
      entityId: input.box,
      entityLabel: `Voicemail ${input.box}`,
      after: { folder: input.folder, index: input.index, toBox: input.toBox },
    },
  };
});

/** Uploads a greeting: any audio ffmpeg can read, stored as 8 kHz mono 16-bit WAV. */
export async function uploadGreeting(form: FormData) {
  return uploadGreetingAction({
    box: String(form.get("box") ?? ""),
    kind: String(form.get("kind") ?? "") as "unavail",
    file: form.get("file") as File,
  });
}

const uploadGreetingAction = action(
  null,
  greetingSchema.extend({
    file: z.instanceof(File, { message: "Choose an audio file." }),
  }),
  async (input, { user }) => {
    await authorizeBox(user, input.box);
    if (input.file.size === 0 || input.file.size > MAX_GREETING_BYTES) {
      const message = `Choose an audio file of at most ${MAX_GREETING_BYTES / 1_000_000} MB.`;
      throw new AppError("bad_request:input", message, { fieldErrors: { file: [message] } });
    }
    const target = await greetingPath(spoolRoot(), input.box, input.kind).catch(rethrow);
    const work = await mkdtemp(path.join(tmpdir(), "sb-greeting-"));
    try {
      const upload = path.join(work, "upload");
      await writeFile(upload, Buffer.from(await input.file.arrayBuffer()));
      await convertGreeting(upload, target);
      const { size } = await stat(target);
      return {
        data: { kind: input.kind, bytes: size },
        audit: {
          action: "voicemail.greeting",
          entity: "voicemail",
          entityId: input.box,
          entityLabel: `Voicemail ${input.box}`,
          after: { kind: input.kind, bytes: size },
        },
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
);

function rethrow(error: unknown): never {
  throw spoolToAppError(error);
}
