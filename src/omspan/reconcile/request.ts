/**
 * What a reconciliation report is asked with — serialisable, validated, holding no data and no secret —
 * the same from the pane, the CLI and a refresh (which reads it back from the report's own parameter
 * cells, sheet-params.ts): the satker, the period, the tolerance, the label language, and where the
 * ledger is with its columns named as the user confirmed them.
 */
import { z } from "zod";
import { InvalidArgumentError } from "../errors";
import { DEFAULT_TOLERANCE_DAYS } from "./reconcile";

/** The Indonesian of each message the schema gives (its English), so a refused request speaks both. */
const INDONESIAN: Readonly<Record<string, string>> = {
  "a date is yyyy-mm-dd": "tanggal ditulis yyyy-mm-dd",
  "a satker code is 6 digits": "kode satker 6 digit",
  "the period ends before it starts": "periode berakhir sebelum dimulai",
  "the period lies within one fiscal year": "periode harus dalam satu tahun anggaran",
};

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date is yyyy-mm-dd");
const Name = z.string().trim().min(1).max(255);

export const LedgerColumns = z.object({
  satker: Name.optional(),
  akun: Name,
  date: Name,
  amount: Name,
  reference: Name.optional(),
});
export type LedgerColumns = z.infer<typeof LedgerColumns>;

export const ReconcileRequest = z
  .object({
    template: z.literal("rekonsiliasi"),
    satker: z.string().regex(/^\d{6}$/, "a satker code is 6 digits"),
    from: IsoDay,
    to: IsoDay,
    toleranceDays: z.number().int().min(0).max(31).default(DEFAULT_TOLERANCE_DAYS),
    lang: z.enum(["id", "en"]),
    ledger: z.object({
      /**
       * Where the ledger is read on build and refresh: a range with its sheet (`Buku!A1:E801`), a table's
       * name, or a range of the report's own sheet (`A40:F840`, its copy of a ledger read from a file).
       */
      at: z.string().trim().min(1).max(300),
      columns: LedgerColumns,
      /** Where the rows first came from, when that is not in the workbook (`buku-maret.csv`). */
      file: z.string().max(255).optional(),
    }),
  })
  .refine((r) => r.from <= r.to, { message: "the period ends before it starts", path: ["to"] })
  .refine((r) => r.from.slice(0, 4) === r.to.slice(0, 4), { message: "the period lies within one fiscal year", path: ["to"] });
export type ReconcileRequest = z.infer<typeof ReconcileRequest>;

/** Validates a request; the message names the field. */
export function parseReconcileRequest(input: unknown): ReconcileRequest {
  const parsed = ReconcileRequest.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidArgumentError(issue.path.join(".") || "request", { en: issue.message, id: INDONESIAN[issue.message] ?? issue.message });
  }
  return parsed.data;
}

const MS_PER_DAY = 86_400_000;
/** `yyyy-mm-dd` → day number. */
export const dayOfIso = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
