import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { writeAudit } from "@/lib/audit";
import { authorizeRequest } from "@/lib/auth/session";
import { csvLine, EXPORT_HEADER, exportValues } from "@/lib/calls/csv";
import { callScopeFor } from "@/lib/calls/scope";
import { type CallScope, countCalls, iterateCalls } from "@/lib/db/queries/calls";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { type CallFilters, callFiltersSchema, pickFilterParams } from "@/lib/validations/calls";

export const dynamic = "force-dynamic";

/**
 * GET /api/calls/export?format=csv|xlsx&<the page's filters>: every matching call, streamed in
 * keyset batches of 1000 as the client reads (pull-based, so memory holds one batch).
 * `X-Total-Count` carries the (capped, see `X-Total-Capped`) count up front for a progress bar.
 */
export async function GET(req: Request) {
  try {
    const user = await authorizeRequest();
    const scope = callScopeFor(user);
    if (!scope) throw new AppError("forbidden:calls");
    const url = new URL(req.url);
    const format = url.searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "xlsx")
      throw new AppError("bad_request:format", "Export as csv or xlsx.");
    const parsed = callFiltersSchema.safeParse(pickFilterParams(url.searchParams));
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]);
        fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
      }
      throw new AppError("bad_request:filters", "Please correct the filters.", { fieldErrors });
    }
    const filters: CallFilters = { ...parsed.data, cursor: undefined };
    const now = new Date();
    const totals = await countCalls({ filters, scope, now });
    await writeAudit({
      actor: { id: user.id, email: user.email, ip: user.ip },
      action: "calls.export",
      entity: "call",
      entityId: null,
      entityLabel: format,
      after: {
        format,
        filters: pickFilterParams(url.searchParams),
        rows: totals.count,
        capped: totals.capped,
      },
    });
    const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, "");
    const body = format === "csv" ? csvStream(filters, scope, now) : xlsxStream(filters, scope, now);
    return new Response(body, {
      headers: {
        "Content-Type":
          format === "csv"
            ? "text/csv; charset=utf-8"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="calls-${stamp}.${format}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Total-Count": String(totals.count),
        "X-Total-Capped": totals.capped || totals.estimated ? "1" : "0",
      },
    });
  } catch (error) {
    return AppError.from(error).toResponse();
  }
}

function csvStream(filters: CallFilters, scope: CallScope, now: Date): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = iterateCalls({ filters, scope, now });
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      try {
        // A BOM so spreadsheet apps read UTF-8 caller names correctly.
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(`\uFEFF${csvLine(EXPORT_HEADER)}`));
          return;
        }
        const next = await batches.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(next.value.map((c) => csvLine(exportValues(c))).join("")));
      } catch (error) {
        log.error({ err: error }, "call export failed");
        controller.error(new Error("export failed"));
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

/** xlsx cells are typed strings, never formulas, so they need no formula guard. */
function xlsxStream(filters: CallFilters, scope: CallScope, now: Date): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet("Calls");
  void (async () => {
    try {
      sheet.addRow([...EXPORT_HEADER]).commit();
      for await (const batch of iterateCalls({ filters, scope, now })) {
        for (const call of batch) sheet.addRow(exportValues(call)).commit();
        // Let the zip stream drain to the client before the next batch.
        if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
        if (out.destroyed) return;
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      log.error({ err: error }, "call export failed");
      out.destroy(new Error("export failed"));
    }
  })();
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
