/**
 * Reads a formula as users write it in Excel, either locale: `REALISASI("527560";"52")`,
 * `OMSPAN.REALISASI("527560", 52, , , "sumber=A")`. Arguments are quoted text (`""` escapes a quote),
 * numbers, TRUE/FALSE, empty (omitted), or an array constant standing for a range:
 * `{"600001";"600002"}` is a column (`;` starts a row), `{"51","52"}` or `{"51"\"52"}` a row (`,` in
 * English Excel, `\` in Indonesian Excel separate columns), so `omspan calc` spills grids like a sheet.
 */
import { InvalidArgumentError } from "../omspan/errors";

type Scalar = string | number | boolean | null;
export type CalcArg = Scalar | Scalar[][];

export interface CalcCall {
  readonly name: string;
  readonly args: readonly CalcArg[];
}

const bad = (why: string, id: string, text: string) => new InvalidArgumentError("formula", { en: why, id }, text);

export function parseCalcExpression(text: string): CalcCall {
  const src = text.trim().replace(/^=/, "");
  const m = /^([A-Za-z][A-Za-z0-9_.]*)\s*\(([\s\S]*)\)\s*$/.exec(src);
  if (!m) throw bad('expected NAME(arg; arg; …), e.g. REALISASI("527560";"52")', 'harus NAMA(arg; arg; …), mis. REALISASI("527560";"52")', text);
  const body = m[2]!;
  let i = 0;
  const skipWs = () => {
    while (i < body.length && /\s/.test(body[i]!)) i++;
  };

  /** A quoted text, a number, TRUE/FALSE or nothing, up to one of `stops`. */
  const scalar = (stops: string): Scalar => {
    skipWs();
    if (body[i] === '"') {
      let s = "";
      i++;
      for (;;) {
        if (i >= body.length) throw bad("unclosed quote", "tanda kutip tidak ditutup", text);
        if (body[i] === '"') {
          if (body[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          i++;
          return s;
        }
        s += body[i++];
      }
    }
    const start = i;
    while (i < body.length && !stops.includes(body[i]!)) i++;
    const raw = body.slice(start, i).trim();
    if (raw === "") return null;
    if (/^(TRUE|FALSE)$/i.test(raw)) return raw.toUpperCase() === "TRUE";
    const n = Number(raw);
    if (!Number.isFinite(n)) throw bad(`"${raw}" is neither quoted text nor a number`, `"${raw}" bukan teks berkutip maupun angka`, text);
    return n;
  };

  /** `{a,b;c,d}` → rows of values. */
  const array = (): Scalar[][] => {
    i++; // {
    const rows: Scalar[][] = [[]];
    for (;;) {
      rows[rows.length - 1]!.push(scalar(",\\;}"));
      skipWs();
      const c = body[i++];
      if (c === "}") break;
      if (c === ";") rows.push([]);
      else if (c !== "," && c !== "\\") throw bad("unclosed array constant {…}", "konstanta larik {…} tidak ditutup", text);
    }
    if (rows.some((r) => r.length !== rows[0]!.length)) throw bad("the rows of an array constant differ in length", "baris konstanta larik tidak sama panjang", text);
    return rows;
  };

  const args: CalcArg[] = [];
  if (body.trim() === "") return { name: m[1]!, args };
  for (;;) {
    skipWs();
    args.push(body[i] === "{" ? array() : scalar(";,"));
    skipWs();
    if (i >= body.length) break;
    if (body[i] !== ";" && body[i] !== ",") throw bad(`unexpected "${body[i]}"`, `"${body[i]}" tidak terduga`, text);
    i++;
  }
  return { name: m[1]!, args };
}
