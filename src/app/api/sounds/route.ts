import { rm } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { writeAudit } from "@/lib/audit";
import { assertSameOrigin } from "@/lib/auth/same-origin";
import { authorizeRequest } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { sounds } from "@/lib/db/schema/ivr";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { soundFile, uploadMaxBytes } from "@/lib/sounds/dir";
import { ingestSound, isTooLarge, receiveUpload, tooLarge } from "@/lib/sounds/ingest";
import { soundNameField } from "@/lib/validations/sound";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * `POST /api/sounds?name=<identifier>` with the file as the raw body (the browser sends it with
 * XMLHttpRequest, so the page can show upload progress). The body streams to disk under a size
 * limit; the content must sniff as MP3 or WAV and decode fully; it is stored converted to 8 kHz
 * mono WAV as `<id>.wav`. Answers 201 with the sound, or the error with field errors
 * (`name`, `file`), 413 when too large.
 */
export async function POST(req: Request) {
  try {
    assertSameOrigin(req);
    const user = await authorizeRequest("sounds.write");
    const parsed = soundNameField.safeParse(new URL(req.url).searchParams.get("name") ?? "");
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? "Enter a name.";
      throw new AppError("bad_request:input", message, { fieldErrors: { name: [message] } });
    }
    const name = parsed.data;
    await assertNameFree(name);
    const max = uploadMaxBytes();
    if (isTooLarge(req.headers.get("content-length"), max)) throw tooLarge(max);
    const upload = await receiveUpload(req.body, max);
    const sound = await ingestSound(upload);
    try {
      const row = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(sounds)
          .values({
            id: sound.id,
            name,
            sourceFormat: sound.sourceFormat,
            bytes: sound.bytes,
            durationMs: sound.durationMs,
            uploadedBy: user.id,
          })
          .returning();
        await writeAudit(
          {
            actor: { id: user.id, email: user.email, ip: user.ip },
            action: "sound.create",
            entity: "sound",
            entityId: sound.id,
            entityLabel: name,
            after: {
              name,
              sourceFormat: sound.sourceFormat,
              bytes: sound.bytes,
              durationMs: sound.durationMs,
            },
          },
          tx,
        );
        return inserted!;
      });
      return Response.json(
        { sound: { id: row.id, name: row.name, durationMs: row.durationMs } },
        { status: 201 },
      );
    } catch (error) {
      await rm(soundFile(sound.id), { force: true });
      if ((error as { cause?: { code?: string } })?.cause?.code === "23505") {
        throw new AppError("conflict:sound", "A sound with that name already exists.", {
          fieldErrors: { name: ["A sound with that name already exists."] },
        });
      }
      throw error;
    }
  } catch (error) {
    const appError = AppError.from(error);
    if (appError.kind === "internal") log.error({ err: error }, "sound upload failed");
    if (appError.code === "bad_request:too_large")
      return Response.json({ error: appError.toJSON() }, { status: 413, headers: appError.headers });
    return appError.toResponse();
  }
}

async function assertNameFree(name: string) {
  const [taken] = await db.select({ id: sounds.id }).from(sounds).where(eq(sounds.name, name)).limit(1);
  if (taken)
    throw new AppError("conflict:sound", "A sound with that name already exists.", {
      fieldErrors: { name: ["A sound with that name already exists."] },
    });
}
