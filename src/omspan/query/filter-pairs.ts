/**
 * The `filter` argument: `"program=05601WA;sumber=A;kewenangan=1,2"` — pairs separated by `;` (or a
 * line break), each value in the code-filter grammar. Keys are the words users say, mapped to wire columns.
 */
import { InvalidArgumentError } from "../errors";
import type { ColumnModel } from "../datasets/columns";
import { AKUN_RULE, SATKER_RULE, parseCodeFilter, type CodeFilter, type CodeRule } from "./code-filter";

/** Filter words → wire column names (the first one the dataset has wins). */
export const FILTER_KEYS: Readonly<Record<string, readonly string[]>> = {
  satker: ["KDSATKER", "SATKER"],
  akun: ["AKUN"],
  periode: ["PERIODE"],
  program: ["PROGRAM"],
  kegiatan: ["KEGIATAN"],
  output: ["OUTPUT"],
  sumber: ["SUMBER_DANA"],
  kewenangan: ["KEWENANGAN"],
  lokasi: ["LOKASI"],
  kppn: ["KPPN", "KDKPPN"],
  eselon1: ["BAES1"],
  ba: ["BA"],
  register: ["KDREGISTER"],
  carik: ["CARA_TARIK"],
  jenis: ["BUDGET_TYPE"],
  dana: ["DANA"],
};

/**
 * Words whose codes follow their own rule rather than "a bare code is a prefix": a satker is exact and
 * padded to 6 digits (60038 is "060038"), an akun as in its argument, a period padded to 2 ("3" is "03").
 */
const RULES: Readonly<Record<string, CodeRule>> = {
  satker: SATKER_RULE,
  akun: AKUN_RULE,
  periode: { argument: "periode", width: 2, barePrefix: false, padDigits: true, digitsOnly: true },
};

export interface ColumnFilter {
  readonly column: string;
  readonly filter: CodeFilter;
}

/** Parses the pairs against a dataset's columns; an unknown word or a column the dataset lacks is an error. */
export function parseFilterPairs(text: string, columns: ColumnModel): ColumnFilter[] {
  const out: ColumnFilter[] = [];
  for (const part of text.split(/[;\n]/)) {
    const p = part.trim();
    if (p === "") continue;
    const eq = p.indexOf("=");
    if (eq <= 0) {
      throw new InvalidArgumentError(
        "filter",
        { en: `"${p}" is not a key=value pair`, id: `"${p}" bukan pasangan kunci=nilai` },
        p,
      );
    }
    const word = p.slice(0, eq).trim().toLowerCase();
    const candidates = FILTER_KEYS[word];
    const column = candidates?.find((c) => c in columns);
    if (!column) {
      const valid = Object.keys(FILTER_KEYS)
        .filter((k) => FILTER_KEYS[k]!.some((c) => c in columns))
        .join(", ");
      throw new InvalidArgumentError(
        "filter",
        { en: `unknown filter "${word}" (use: ${valid})`, id: `filter "${word}" tidak dikenal (gunakan: ${valid})` },
        word,
      );
    }
    const width = columns[column]!.width;
    out.push({
      column,
      filter: parseCodeFilter(p.slice(eq + 1), RULES[word] ?? { argument: word, width, barePrefix: true, padDigits: false }),
    });
  }
  return out;
}
