/**
 * Every error path of the catalogue through the custom-function wrapper, as Excel calls it: the Excel
 * error code and a message that says what to do, in Office's display language. And the inputs as real
 * Excel hands them over: empty cells as 0 (Windows) or null (web), data-type objects (Microsoft 365).
 */
import { session } from "../../src/shared-runtime";
import { mintKey } from "../../src/simulator";
import { startStack, type Stack } from "../support/stack";
import { CustomFunctionsRuntime, EMPTY, OMITTED, across, cell, down, entity, formattedNumber, type Platform } from "../support/custom-functions-fake";

let stack: Stack;
let excel: CustomFunctionsRuntime;

beforeAll(async () => {
  excel = await CustomFunctionsRuntime.load();
  stack = await startStack();
});
afterAll(async () => {
  delete (globalThis as { Office?: unknown }).Office;
  await session.disconnect();
  await stack?.close();
});

const one = (id: string, ...args: unknown[]) => excel.value1(id, ...args);
const connect = () => session.connect({ baseUrl: stack.proxyBase, key: stack.key });

describe("before a key works", () => {
  test("no key yet: #VALUE! saying to open the pane, for every function", async () => {
    await session.disconnect();
    for (const [id, args] of [["REALISASI", ["600001"]], ["PAGU", ["600001"]], ["IKPA", ["600001"]], ["TABEL", ["dipa"]], ["ASOF", []]] as const) {
      await expect(one(id, ...args)).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/OMSPAN pane/) });
    }
  });

  test("a refused key: #VALUE! saying the key was refused", async () => {
    const foreign = await mintKey("another-secret-than-the-simulators", { year: 2026 });
    await expect(session.connect({ baseUrl: stack.proxyBase, key: foreign })).rejects.toMatchObject({ code: "key-refused" });
    await expect(one("PAGU", "600001")).rejects.toMatchObject({ code: "#VALUE!" });
    // Connected, then the key stops being accepted upstream: the cell says the key was refused.
    await connect();
    (session as unknown as { conn: { baseUrl: string; key: string } }).conn = { baseUrl: stack.proxyBase, key: foreign };
    session.store.invalidate();
    await expect(one("SISA", "600001", "52")).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/refused the API key/) });
  });

  test("unreachable: #N/A naming the server", async () => {
    await connect();
    (session as unknown as { conn: { baseUrl: string; key: string } }).conn = { baseUrl: "http://127.0.0.1:9/omspan/", key: stack.key };
    session.store.invalidate();
    await expect(one("IKPA", "600001")).rejects.toMatchObject({ code: "#N/A", message: expect.stringContaining("127.0.0.1:9") });
  });
});

describe("connected", () => {
  beforeAll(connect);

  test.each([
    ["REALISASI.BULAN", ["600001", "52", 13], /Argument bulan: a month is 1 to 12/],
    ["REALISASI.BULAN", ["600001", "52", OMITTED], /Argument bulan: give a month/],
    ["REALISASI.BULAN", ["600001", "52", 3, "maybe"], /Argument kumulatif: expected TRUE or FALSE/],
    ["REALISASI", ["600001", "52", "kemarin"], /Argument dari: expected a date/],
    ["REALISASI", ["60000X"], /Argument satker: .*digits only/],
    ["PAGU", ["600001", "52;53"], /Argument akun: .*not a code/],
    ["PAGU", ["600001", "52", "warna=merah"], /Argument filter: unknown filter "warna" \(use: .*program/],
    ["SISA", ["600001", "52", "register=00000001"], /Argument filter: unknown filter "register"/],
    ["DANA", ["600001", "52", "SALDO"], /Argument kolom: use one of: .*tersedia/],
    ["IKPA", ["600001", "IK_BOGUS"], /Argument indikator: use one of/],
    ["IKPA", ["600001", OMITTED, OMITTED, "desa"], /Argument tingkat: use one of: satker/],
    ["IKPA", [5601], /Argument kode: the number 5601 has lost its leading zeros/],
    ["IKPA", ["1234"], /Argument kode: "1234" is neither a satker/],
    ["TABEL", ["anggaran"], /Argument dataset: use one of: dipa, realisasi/],
    ["ASOF", ["dipa", "kemarin"], /Argument jenis: use one of/],
  ] as const)("%s(%j): #VALUE! naming the argument and what it accepts, before any pull", async (id, args, message) => {
    session.store.invalidate();
    const pulls = session.store.pulls;
    await expect(one(id, ...args)).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringMatching(message) });
    expect(session.store.pulls).toBe(pulls);
  });

  test("ranges that do not fit each other: #VALUE! naming the argument", async () => {
    await expect(excel.call("REALISASI", down("600001", "600002"), down("51", "52", "53"))).rejects.toMatchObject({
      code: "#VALUE!",
      message: expect.stringMatching(/Argument satker: a range of 2×1 does not fit the others \(3×1\)/),
    });
  });

  test("TABEL of a column the data lacks: #VALUE! listing the columns (checked against the pulled table: OMSPAN may add fields)", async () => {
    await expect(one("TABEL", "dipa", OMITTED, "KDSATKER,WARNA")).rejects.toMatchObject({
      code: "#VALUE!",
      message: expect.stringMatching(/Argument kolom: no column WARNA \(columns: KDSATKER, KPPN/),
    });
  });

  test("one wrong cell of a grid shows its own error; the others answer", async () => {
    const grid = (await excel.call("REALISASI.BULAN", "600001", down("51", "52X"), across(1, 13))) as unknown[][];
    expect(typeof grid[0]![0]).toBe("number");
    expect(grid[0]![1]).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/bulan/) });
    expect(grid[1]![0]).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/akun/) });
  });

  test("a single thing that does not exist is #N/A; a sum over nothing is 0; a pagu of 0 is #DIV/0!", async () => {
    await expect(one("IKPA", "999999")).rejects.toMatchObject({ code: "#N/A", message: expect.stringMatching(/IKPA satker 999999/) });
    await expect(one("IKPA", "600001", OMITTED, 12)).resolves.toEqual(expect.any(Number));
    await expect(one("IKPA", "05699")).rejects.toMatchObject({ code: "#N/A" });
    expect(await one("REALISASI", "999999", "52")).toBe(0);
    expect(await one("PAGU", "600001", "59")).toBe(0);
    expect(await one("SISA", "999999")).toBe(0);
    // Excel shows no custom message with #DIV/0!: the cell says enough.
    await expect(one("PENYERAPAN", "600001", "59")).rejects.toMatchObject({ code: "#DIV/0!", message: "" });
    expect(await excel.call("TABEL", "dipa", "satker=999999", "KDSATKER,AMOUNT")).toEqual([["KDSATKER", "AMOUNT"]]);
  });

  test("messages follow Office's display language", async () => {
    (globalThis as { Office?: unknown }).Office = { context: { displayLanguage: "id-ID" } };
    try {
      await expect(one("REALISASI.BULAN", "600001", "52", 13)).rejects.toMatchObject({ code: "#VALUE!", message: "Argumen bulan: bulan harus 1 sampai 12" });
      await expect(one("IKPA", "999999")).rejects.toMatchObject({ message: expect.stringMatching(/^Tidak ada data OMSPAN/) });
    } finally {
      delete (globalThis as { Office?: unknown }).Office;
    }
  });
});

describe.each<Platform>(["windows", "web"])("inputs as Excel on %s hands them over", (platform) => {
  beforeAll(async () => {
    await connect();
    excel.platform = platform;
  });
  afterAll(() => {
    excel.platform = "web";
  });

  test("an empty satker cell is every satker, not the code 0", async () => {
    const total = await one("REALISASI", OMITTED, "52");
    expect(total).toBeGreaterThan(0);
    expect(await one("REALISASI", cell(EMPTY), "52")).toBe(total);
    expect(await one("PAGU", cell(EMPTY), cell(EMPTY))).toBe(await one("PAGU", ""));
  });

  test("empty akun, date, filter and kumulatif cells count as left out", async () => {
    expect(await one("REALISASI", "600001", cell(EMPTY), cell(EMPTY), cell(EMPTY), cell(EMPTY))).toBe(await one("REALISASI", "600001"));
    expect(await one("REALISASI.BULAN", "600001", "52", 4, cell(EMPTY), cell(EMPTY))).toBe(await one("REALISASI.BULAN", "600001", "52", 4));
    expect(await one("IKPA", "600001", cell(EMPTY), cell(EMPTY), cell(EMPTY))).toBe(await one("IKPA", "600001"));
    const grid = (await excel.call("TABEL", "dipa", cell(EMPTY), cell(EMPTY))) as unknown[][];
    expect(grid.length).toBeGreaterThan(1);
  });

  test("empty cells inside a range of satkers are every satker", async () => {
    const grid = (await excel.call("PAGU", down("600001", EMPTY), "5")) as number[][];
    expect(grid).toEqual([[await one("PAGU", "600001", "5")], [await one("PAGU", "", "5")]]);
  });
});

test("data-type cells (Microsoft 365) are read by what they show", async () => {
  await connect();
  expect(excel.metadata.allowCustomDataForDataTypeAny).toBe(true);
  const plain = await one("REALISASI.BULAN", "600001", "52", 3, true);
  expect(await one("REALISASI.BULAN", cell(entity("600001")), cell(entity("52")), cell(formattedNumber(3)), true)).toBe(plain);
  const grid = (await excel.call("REALISASI", down(entity("600001"), "600002"), across(formattedNumber(52, "00"), "53"))) as number[][];
  expect(grid).toEqual([
    [await one("REALISASI", "600001", 52), await one("REALISASI", "600001", "53")],
    [await one("REALISASI", "600002", 52), await one("REALISASI", "600002", "53")],
  ]);
  expect(await one("ASOF", cell(entity("realisasi")), "data")).toEqual(expect.any(Number));
});
