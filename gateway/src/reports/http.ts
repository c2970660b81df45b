// GET /reports/:form.(csv|xlsx)?unit=37&period=2024: a form filled in from the graph, as a file
// to download. The figures are read through the gateway's own executor as the caller (request id
// and caller headers forwarded), so an export sees exactly what a GraphQL client would.
import type { Logger } from "@tiepdan/kit";
import express, { type Request, type Response, type Router } from "express";

import { renderCsv } from "./csv";
import { FORM_LIST, findForm } from "./forms";
import { PERIOD_HELP, ReportError } from "./input";
import { type ReportExecutor, loadReport } from "./query";
import type { ReportTable } from "./table";
import { renderXlsx } from "./xlsx";

/** The file formats served, with their media types and renderers. */
export const REPORT_FORMATS = {
  csv: { type: "text/csv; charset=utf-8; header=present", render: async (t: ReportTable) => renderCsv(t) },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", render: renderXlsx },
} as const;

/** A served file format. */
export type ReportFormat = keyof typeof REPORT_FORMATS;

/** Options of {@link reportsRouter}. */
export interface ReportsRouterOptions {
  /** The executor that runs operations on behalf of this request's caller. */
  executorFor(req: Request, res: Response): ReportExecutor;
  log?: Logger;
}

/** The ASCII file name of an export: `01-KQGQ_37_2024.xlsx` (a date range's ".." becomes "_"). */
export function reportFileName(table: Pick<ReportTable, "form" | "unit" | "period">, format: ReportFormat): string {
  const period = table.period.code.replace("..", "_").replace(/[^A-Za-z0-9_-]/g, "");
  return `${table.form.slug}_${table.unit.code}_${period}.${format}`;
}

/** RFC 5987 encoding of a header parameter: percent-encoded UTF-8 of everything but attr-chars. */
const rfc5987 = (value: string): string => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Content-Disposition of an export: the ASCII name for every client, and with `filename*` the
 * unit's Vietnamese name for the browsers that read it ("01-KQGQ_37_2024_Tỉnh Ninh Bình.xlsx").
 */
export function contentDisposition(table: ReportTable, format: ReportFormat): string {
  const ascii = reportFileName(table, format);
  const named = ascii.replace(/\.[a-z]+$/, `_${table.unit.fullName}.${format}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(named)}`;
}

/** A query parameter given once, or a 400 naming it. */
function parameter(req: Request, name: string, help: string): string {
  const value = req.query[name];
  if (typeof value !== "string" || !value.trim()) {
    const problem = Array.isArray(value) ? "given more than once" : "required";
    throw new ReportError(400, "BAD_USER_INPUT", `${name}: ${problem} (${help})`, name);
  }
  return value.trim();
}

/** Serves the report forms as files: GET /:form.(csv|xlsx)?unit=…&period=… (mount it at /reports). */
export function reportsRouter(options: ReportsRouterOptions): Router {
  const router = express.Router();
  router.get("/:file", async (req: Request<{ file: string }>, res: Response) => {
    const started = process.hrtime.bigint();
    try {
      // Express has decoded the segment: "01%2FKQGQ.xlsx" arrives as "01/KQGQ.xlsx".
      const match = /^(.+)\.(csv|xlsx)$/i.exec(req.params.file);
      if (!match) {
        throw new ReportError(400, "BAD_USER_INPUT", `format: "${req.params.file}" must end in .csv or .xlsx`, "format");
      }
      const form = findForm(match[1]!);
      if (!form) {
        throw new ReportError(400, "BAD_USER_INPUT", `form: "${match[1]}" is not a report form: one of ${FORM_LIST} ("/" may be written "-")`, "form");
      }
      const format = match[2]!.toLowerCase() as ReportFormat;
      const unit = parameter(req, "unit", "2-digit province, 3-digit district or 5-digit commune code");
      const period = parameter(req, "period", PERIOD_HELP);
      const table = await loadReport(options.executorFor(req, res), form, unit, period);
      const body = await REPORT_FORMATS[format].render(table);
      res
        .status(200)
        .set({ "Content-Type": REPORT_FORMATS[format].type, "Content-Disposition": contentDisposition(table, format), "Cache-Control": "no-store" })
        .send(body);
      const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      options.log?.info({ form: form.number, unit, period, format, rows: table.rows.length, bytes: body.length, ms }, "report exported");
    } catch (error) {
      if (!(error instanceof ReportError)) {
        // The JSON error handler answers 500 without details: the log keeps them.
        options.log?.error({ err: error }, "report failed");
        throw error;
      }
      options.log?.info({ status: error.status, code: error.code, message: error.message }, "report refused");
      res.status(error.status).json({ errors: [{ message: error.message, extensions: { code: error.code, ...(error.parameter ? { parameter: error.parameter } : {}) } }] });
    }
  });
  return router;
}
