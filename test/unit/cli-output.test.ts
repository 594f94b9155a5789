import { PassThrough } from "node:stream";
import { writeTable } from "../../src/cli/output";
import { TableBuilder } from "../../src/omspan/columnar/table-builder";
import { datasetSpec } from "../../src/omspan/datasets/catalog";
import { parseCalcExpression } from "../../src/cli/calc-expression";

async function csvOf(records: Record<string, string>[]): Promise<string> {
  const b = new TableBuilder(datasetSpec("ikpa-satker"));
  b.addPage(records);
  const out = new PassThrough();
  let text = "";
  out.on("data", (c: Buffer) => (text += c.toString()));
  await writeTable(b.build(), "csv", out);
  return text;
}

test("CSV never lets OMSPAN's text become a formula; numbers stay numbers", async () => {
  const csv = await csvOf([
    { KDSATKER: "600001", NMSATKER: '=HYPERLINK("http://x","klik")', KDKPPN: "019", PERIODE: "01", IK_REALISASI: "-5", BBT_IND_REALISASI: "20" },
    { KDSATKER: "600002", NMSATKER: "@SUM(1), kantor \"pusat\"", KDKPPN: "019", PERIODE: "01", IK_REALISASI: "99.5", BBT_IND_REALISASI: "20" },
  ]);
  const [header, first, second] = csv.trim().split("\n");
  expect(header!.startsWith("KDSATKER,NMSATKER,KDKPPN,PERIODE,IK_REALISASI,BBT_IND_REALISASI")).toBe(true);
  expect(first).toContain(`"'=HYPERLINK(""http://x"",""klik"")"`);
  expect(first).toContain(",-5,20");
  expect(second).toContain(`"'@SUM(1), kantor ""pusat"""`);
});

test("calc expressions parse in both separator styles, with quotes, numbers and omitted arguments", () => {
  expect(parseCalcExpression('REALISASI("600001";"52")')).toEqual({ name: "REALISASI", args: ["600001", "52"] });
  expect(parseCalcExpression('=OMSPAN.REALISASI(600001, 52, , , "sumber=A")')).toEqual({
    name: "OMSPAN.REALISASI",
    args: [600001, 52, null, null, "sumber=A"],
  });
  expect(parseCalcExpression('REALISASI("a""b")').args).toEqual(['a"b']);
  expect(() => parseCalcExpression("REALISASI(")).toThrow(/NAME\(arg/);
  expect(() => parseCalcExpression('REALISASI("52)')).toThrow(/unclosed quote/);
  expect(() => parseCalcExpression("REALISASI(52x)")).toThrow(/neither quoted text nor a number/);
});

test("calc reads Excel's array constants as ranges (rows by ;, columns by , or \\) and TRUE/FALSE", () => {
  expect(parseCalcExpression('REALISASI({"600001";"600002"}; {"51","52"})').args).toEqual([[["600001"], ["600002"]], [["51", "52"]]]);
  expect(parseCalcExpression('REALISASI.BULAN("600001"; {"51"\\"52"}; {1;2;3}; TRUE)').args).toEqual(["600001", [["51", "52"]], [[1], [2], [3]], true]);
  expect(parseCalcExpression("PAGU({1,2;3,4})").args).toEqual([[[1, 2], [3, 4]]]);
  expect(() => parseCalcExpression('PAGU({"1","2";"3"})')).toThrow(/differ in length/);
  expect(() => parseCalcExpression('PAGU({"1")')).toThrow(/unclosed array constant/);
});
