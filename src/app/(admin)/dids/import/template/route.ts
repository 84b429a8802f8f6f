import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { DID_CSV_TEMPLATE } from "@/lib/routing/did-csv";

/** The DID import template, as a download. */
export async function GET() {
  try {
    await authorizeRequest("inbound.write");
  } catch (error) {
    return AppError.from(error).toResponse();
  }
  return new Response(`${DID_CSV_TEMPLATE}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="inbound-numbers-template.csv"',
      "Cache-Control": "no-store",
    },
  });
}
