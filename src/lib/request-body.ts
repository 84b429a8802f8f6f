import { AppError } from "@/lib/errors";

/**
 * A route's JSON body, read up to `maxBytes` and no further (a declared Content-Length over the
 * limit is refused before reading; a chunked body is cut off as soon as it passes it).
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new AppError("bad_request:too_large", `The body is larger than ${maxBytes} bytes.`);
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) throw new AppError("bad_request:json", "Send a JSON object.");
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new AppError("bad_request:json", "Send a JSON object.");
  }
}
