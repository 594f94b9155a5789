/**
 * A ledger exported as CSV → rows of text cells (RFC 4180: quoted fields, doubled quotes, line breaks
 * inside quotes). Indonesian exports often separate fields with `;` (the comma is the decimal mark), so the
 * separator is the one of `;`, `,` or tab that the header line uses most, outside quotes. A byte-order mark
 * is dropped. Nothing is converted here: the ledger reader reads each cell by its column.
 */

/** The separator the first lines use most (outside quotes: a title line may have none); `,` when none. */
export function csvSeparator(text: string, lines = 10): string {
  const counts = new Map<string, number>([[";", 0], [",", 0], ["\t", 0]]);
  let quoted = false;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "\n" && ++seen >= lines) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  for (const [sep, n] of counts) if (n > counts.get(best)!) best = sep;
  return best;
}

/** The rows of a CSV text; a trailing line break does not make an empty last row. */
export function parseCsv(input: string, separator = csvSeparator(input.replace(/^\uFEFF/, ""))): string[][] {
  const text = input.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else field += ch;
    i++;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
