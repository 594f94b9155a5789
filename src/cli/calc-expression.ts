/**
 * Reads a formula as users write it in Excel, either locale: `REALISASI("527560";"52")`,
 * `OMSPAN.REALISASI("527560", 52, , , "sumber=A")`. Arguments are quoted text (`""` escapes a quote),
 * numbers, or empty (omitted).
 */
import { InvalidArgumentError } from "../omspan/errors";

export interface CalcCall {
  readonly name: string;
  readonly args: readonly (string | number | null)[];
}

const bad = (why: string, id: string, text: string) =>
  new InvalidArgumentError("formula", { en: why, id }, text);

export function parseCalcExpression(text: string): CalcCall {
  const src = text.trim().replace(/^=/, "");
  const m = /^([A-Za-z][A-Za-z0-9_.]*)\s*\(([\s\S]*)\)\s*$/.exec(src);
  if (!m) throw bad('expected NAME(arg; arg; …), e.g. REALISASI("527560";"52")', 'harus NAMA(arg; arg; …), mis. REALISASI("527560";"52")', text);
  const body = m[2]!;
  const args: (string | number | null)[] = [];
  let i = 0;
  const skipWs = () => {
    while (i < body.length && /\s/.test(body[i]!)) i++;
  };
  if (body.trim() === "") return { name: m[1]!, args };
  for (;;) {
    skipWs();
    let value: string | number | null = null;
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
          break;
        }
        s += body[i++];
      }
      value = s;
    } else {
      const start = i;
      while (i < body.length && body[i] !== ";" && body[i] !== ",") i++;
      const raw = body.slice(start, i).trim();
      if (raw !== "") {
        const n = Number(raw);
        if (!Number.isFinite(n)) throw bad(`"${raw}" is neither quoted text nor a number`, `"${raw}" bukan teks berkutip maupun angka`, text);
        value = n;
      }
    }
    args.push(value);
    skipWs();
    if (i >= body.length) break;
    if (body[i] !== ";" && body[i] !== ",") throw bad(`unexpected "${body[i]}"`, `"${body[i]}" tidak terduga`, text);
    i++;
  }
  return { name: m[1]!, args };
}
