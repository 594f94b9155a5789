import { TableBuilder } from "../../src/omspan/columnar/table-builder";
import { datasetSpec } from "../../src/omspan/datasets/catalog";
import { sumDataset } from "../../src/omspan/query/sums";
import type { DatasetData } from "../../src/omspan/store/store";

const line = (satker: string, akun: string, amount: string) => ({
  KDSATKER: satker, KPPN: "019", BA: "056", BAES1: "05601", AKUN: akun, PROGRAM: "05601WA", KEGIATAN: "4101",
  OUTPUT: "EBA", KEWENANGAN: "1", SUMBER_DANA: "A", LOKASI: "0151", BUDGET_TYPE: "2", AMOUNT: amount,
});

function dipa(rows: ReturnType<typeof line>[]): DatasetData {
  const b = new TableBuilder(datasetSpec("dipa"));
  b.addPage(rows);
  const memos = new Map<string, unknown>();
  return {
    dataset: "dipa",
    params: {},
    table: b.build(),
    asOf: { fetchedAt: new Date() },
    pages: 1,
    requests: 1,
    memo<T>(name: string, build: () => T): T {
      if (!memos.has(name)) memos.set(name, build());
      return memos.get(name) as T;
    },
  };
}

test("a satker named twice in a list is summed once", () => {
  const data = dipa([line("600001", "521211", "100"), line("600002", "521211", "10"), line("060038", "511111", "1")]);
  expect(sumDataset(data, { satker: "600001,600001" })).toBe(100);
  expect(sumDataset(data, { satker: "600001, 600002 ,600001", akun: "52" })).toBe(110);
  // The same code twice after padding: 60038 typed as digits and as the full code.
  expect(sumDataset(data, { satker: "60038,060038" })).toBe(1);
  // With a prefix or an exclusion in the list (the dictionary-mask path) it was already once.
  expect(sumDataset(data, { satker: "600001,6000*" })).toBe(110);
});
