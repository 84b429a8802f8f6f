import { forbidden, notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { authorizeBox, boxesFor, spoolRoot } from "@/lib/voicemail/access";
import { type Greeting, listGreetings, listMessages } from "@/lib/voicemail/spool";
import { VoicemailBox } from "./voicemail-box";

export const metadata = { title: "Voicemail" };
export const dynamic = "force-dynamic";

export default async function VoicemailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireUser();
  if (!(user.permissions.has("voicemail.own") || user.permissions.has("voicemail.any"))) forbidden();
  const boxes = await boxesFor(user);
  const { box: wanted } = await searchParams;
  // A named box is a request for that box: refuse it (403, or 404 when it is no box) rather than
  // quietly showing another one.
  const box =
    wanted === undefined
      ? boxes[0]
      : await authorizeBox(user, wanted).catch((error: unknown) => {
          if (AppError.from(error).kind === "forbidden") forbidden();
          notFound();
        });
  if (!box)
    return (
      <>
        <PageHeader title="Voicemail" description="Your messages." />
        <EmptyState title="No voicemail box">
          {user.extension
            ? `Extension ${user.extension} has no voicemail. An admin can turn it on.`
            : "You have no extension, so no voicemail box."}
        </EmptyState>
      </>
    );
  let messages: Awaited<ReturnType<typeof listMessages>> = [];
  let greetings: Greeting[] = [];
  let problem: string | null = null;
  try {
    messages = await listMessages(spoolRoot(), box.number);
    greetings = await listGreetings(spoolRoot(), box.number);
  } catch (error) {
    problem = error instanceof Error ? error.message : "The voicemail spool can't be read.";
  }
  return (
    <>
      <PageHeader title="Voicemail" description={`Box ${box.number} · ${box.name}`} />
      {boxes.length > 1 && (
        <form className="mb-4 flex items-end gap-2" method="get">
          <label className="text-sm">
            <span className="label">Box</span>
            <select name="box" defaultValue={box.number} className="input w-auto">
              {boxes.map((b) => (
                <option key={b.number} value={b.number}>
                  {b.number} {b.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn-secondary">
            Open
          </button>
        </form>
      )}
      {problem ? (
        <p role="alert" className="text-rose-700">
          {problem}
        </p>
      ) : (
        <VoicemailBox box={box.number} messages={messages} greetings={greetings} />
      )}
    </>
  );
}
