/**
 * The typed column model every dataset is described with: what each wire field is (code text, amount,
 * date, percent, weight, name), its width, and its labels. The raw zod schema is derived from it, so a
 * field is declared once.
 */
import { z } from "zod";

export type ColumnKind = "code" | "name" | "amount" | "date" | "percent" | "weight" | "number";

export interface Label {
  readonly id: string;
  readonly en: string;
}

export interface ColumnSpec {
  readonly kind: ColumnKind;
  readonly label: Label;
  /** Fixed width of a code, where the spec gives one (leading zeros matter). */
  readonly width?: number;
  /** Absent fields are allowed (tolerated variants of the wire format). */
  readonly optional?: boolean;
}

export type ColumnModel = Readonly<Record<string, ColumnSpec>>;

const col =
  (kind: ColumnKind) =>
  (id: string, en: string, width?: number): ColumnSpec => ({ kind, label: { id, en }, width });

export const code = col("code");
export const name = col("name");
export const amount = col("amount");
export const date = col("date");
export const percent = col("percent");
export const weight = col("weight");
export const number = col("number");

/** Marks a column as allowed to be absent. */
export function optional(spec: ColumnSpec): ColumnSpec {
  return { ...spec, optional: true };
}

type RawShape<C extends ColumnModel> = {
  [K in keyof C]: C[K] extends { optional: true } ? z.ZodOptional<z.ZodString> : z.ZodString;
};

/**
 * The raw record schema: every value is a string on the wire; unknown extra fields are kept
 * (`looseObject`), never a reason to reject a record.
 */
export function rawSchema<C extends ColumnModel>(columns: C): z.ZodObject<RawShape<C>, z.core.$loose> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, spec] of Object.entries(columns)) {
    shape[key] = spec.optional ? z.string().optional() : z.string();
  }
  return z.looseObject(shape) as unknown as z.ZodObject<RawShape<C>, z.core.$loose>;
}

/** Columns shared by DIPA and Realisasi (the SPAN budget segments). */
export const SEGMENTS = {
  KDSATKER: code("Kode satker", "Work unit code", 6),
  KPPN: code("KPPN", "Treasury office", 3),
  BA: code("Bagian anggaran", "Budget section", 3),
  BAES1: code("Eselon I", "Echelon I unit", 5),
  AKUN: code("Akun", "Account", 6),
  PROGRAM: code("Program", "Programme", 7),
  KEGIATAN: code("Kegiatan", "Activity", 4),
  OUTPUT: code("Output", "Output", 3),
  KEWENANGAN: code("Kewenangan", "Authority", 1),
  SUMBER_DANA: code("Sumber dana", "Source of funds", 1),
} as const satisfies ColumnModel;
