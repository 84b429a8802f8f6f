import { authorizeRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { CSV_TEMPLATE } from "@/lib/extensions/csv-import";

/** The import template, as a download. */
export async function GET() {
  try {
    await authorizeRequest("extensions.write");
  } catch (error) {
    return AppError.from(error).toResponse();
  }
  return new Response(`${CSV_TEMPLATE}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="extensions-template.csv"',
      "Cache-Control": "no-store",
    },
  });
}
