/**
 * Per satker × akun × month, over the rows inside the period: the ledger's sum, OMSPAN's, the difference
 * (ledger − OMSPAN), the unmatched rows of each side, and `elsewhere` — matched rows whose counterpart sits
 * in another month or outside the period (a booking on 31 March paid on 2 April). Summed in whole cents,
 * so for every line, exactly:
 *
 *     difference = unmatched ledger − unmatched OMSPAN + elsewhere
 *
 * (a match inside one month adds the same amount to both sides: a split's parts sum to its whole, a netted
 * correction's payment and refund to the booking, a reversal's two rows to nothing).
 */
export interface CellSum {
  readonly count: number;
  /** Rupiah. */
  readonly amount: number;
}

export interface SummaryLine {
  readonly satker: string;
  readonly akun: string;
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly ledger: number;
  readonly omspan: number;
  /** ledger − omspan. */
  readonly difference: number;
  readonly unmatchedLedger: CellSum;
  readonly unmatchedOmspan: CellSum;
  /** Matched rows of this month whose counterpart is in another month or outside the period: ledger's − OMSPAN's. */
  readonly elsewhere: number;
}

interface Cell {
  readonly satker: string;
  readonly akun: string;
  readonly year: number;
  readonly month: number;
  ledger: number;
  omspan: number;
  uL: number;
  uLn: number;
  uO: number;
  uOn: number;
  matchedL: number;
  matchedO: number;
}

/** Year and month (1–12) of a day number, by arithmetic (H. Hinnant's civil-from-days): no Date per row. */
export function yearMonthOf(day: number): { year: number; month: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month };
}

/** A month as one number (year × 12 + month − 1): equal for days of the same month. */
export function monthIndex(day: number): number {
  const { year, month } = yearMonthOf(day);
  return year * 12 + month - 1;
}

/**
 * Sums rows into cells. `group` is the row's satker × akun as the matcher numbered it (equal codes, equal
 * number), so a cell is found by a number, not a string built per row.
 */
export class SummaryBuilder {
  private readonly cells = new Map<number, Cell>();
  private readonly months = new Map<number, number>();

  private monthOfDay(day: number): number {
    let m = this.months.get(day);
    if (m === undefined) this.months.set(day, (m = monthIndex(day)));
    return m;
  }

  /** Adds one row: its side, satker × akun number and codes, day, amount in cents, whether matched. */
  add(side: "ledger" | "omspan", group: number, satker: string, akun: string, day: number, cents: number, matched: boolean): void {
    const month = this.monthOfDay(day);
    // A small integer while there are under ~130,000 satker × akun and the years are 2000–2340.
    const key = group * 4096 + month - 2000 * 12;
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = { satker, akun, year: Math.floor(month / 12), month: (month % 12) + 1, ledger: 0, omspan: 0, uL: 0, uLn: 0, uO: 0, uOn: 0, matchedL: 0, matchedO: 0 }));
    if (side === "ledger") {
      c.ledger += cents;
      if (matched) c.matchedL += cents;
      else [c.uL, c.uLn] = [c.uL + cents, c.uLn + 1];
    } else {
      c.omspan += cents;
      if (matched) c.matchedO += cents;
      else [c.uO, c.uOn] = [c.uO + cents, c.uOn + 1];
    }
  }
  /** The lines in (satker, akun, year, month) order; amounts in rupiah. */
  lines(): SummaryLine[] {
    const rp = (cents: number) => cents / 100;
    return [...this.cells.values()]
      .sort((a, b) => (a.satker < b.satker ? -1 : a.satker > b.satker ? 1 : a.akun < b.akun ? -1 : a.akun > b.akun ? 1 : a.year - b.year || a.month - b.month))
      .map((c) => ({
        satker: c.satker,
        akun: c.akun,
        year: c.year,
        month: c.month,
        ledger: rp(c.ledger),
        omspan: rp(c.omspan),
        difference: rp(c.ledger - c.omspan),
        unmatchedLedger: { count: c.uLn, amount: rp(c.uL) },
        unmatchedOmspan: { count: c.uOn, amount: rp(c.uO) },
        elsewhere: rp(c.matchedL - c.matchedO),
      }));
  }
}
