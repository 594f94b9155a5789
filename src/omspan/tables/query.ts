/**
 * The query an OMSPAN table remembers inside the workbook: dataset, the one filter grammar (satker, akun,
 * period, filter pairs), chosen columns, header language and a schema version. It is data — validated
 * with zod whenever it is read back from a workbook — and holds no secret: the strict schema refuses any
 * field it does not know, so a key can never ride along. A command-line refresh of .xlsx files reads the
 * same JSON.
 */
import { z } from "zod";
import { DATASET_IDS } from "../routes";
import { datasetSpec } from "../datasets/catalog";
import { InvalidArgumentError } from "../errors";

/** Version of the stored query's shape; a reader refuses versions it does not know. */
export const TABLE_QUERY_VERSION = 1;

const isoDay = z.iso.date("a date is yyyy-mm-dd");

/** The stored query of one OMSPAN table (strict: unknown fields are refused). */
export const TableQuery = z
  .object({
    version: z.literal(TABLE_QUERY_VERSION),
    dataset: z.enum(DATASET_IDS),
    /** Satker code(s) in the code-filter grammar; "" = all in the key's scope. */
    satker: z.string().max(2000).default(""),
    /** Akun prefix/wildcard/list/exclusion; "" = all. */
    akun: z.string().max(2000).default(""),
    /** Inclusive period on the dataset's date column. */
    from: isoDay.optional(),
    to: isoDay.optional(),
    /** `program=05601WA;sumber=A` pairs. */
    filter: z.string().max(2000).default(""),
    /** Wire column names in order; absent = the dataset's table columns. */
    columns: z.array(z.string().regex(/^[A-Z0-9_]{1,40}$/)).min(1).max(100).optional(),
    /** Header language. */
    lang: z.enum(["id", "en"]),
    /** PNBP's insert date (yyyymmdd), the one route parameter a table may carry. */
    date: z.string().regex(/^\d{8}$/).optional(),
  })
  .strict();

export type TableQuery = z.output<typeof TableQuery>;
/** A query as callers write it (defaults may be left out). */
export type TableQueryInput = z.input<typeof TableQuery>;

/**
 * Validates a query (from the pane, or read back from a workbook). Throws InvalidArgumentError naming
 * the first problem; checks that the period runs forward and that chosen columns exist in the dataset.
 */
export function parseTableQuery(input: unknown): TableQuery {
  const r = TableQuery.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const where = issue.path.join(".") || "query";
    throw new InvalidArgumentError("query", { en: `${where}: ${issue.message}`, id: `${where}: ${issue.message}` });
  }
  if (r.data.from && r.data.to && r.data.from > r.data.to) {
    // Every face refuses a reversed period: it would select nothing and look like a day without data.
    throw new InvalidArgumentError("to", { en: "the period ends before it starts", id: "periode berakhir sebelum dimulai" }, r.data.to);
  }
  const spec = datasetSpec(r.data.dataset);
  for (const c of r.data.columns ?? []) {
    if (!(c in spec.columns)) {
      throw new InvalidArgumentError(
        "columns",
        { en: `${spec.label.en} has no column ${c}`, id: `${spec.label.id} tidak memiliki kolom ${c}` },
        c,
      );
    }
  }
  return r.data;
}
