/**
 * Freeze for the meeting, through the shared runtime and the cells, over the real proxy and simulator:
 * a frozen workbook refuses refresh (a FrozenError saying how to unfreeze), ignores a newer pull made by
 * another workbook, opens again from its pin (rows of text, as the registry sheet keeps them), and where
 * a pinned snapshot is not on this computer the cells say so, naming its as-of — never a quiet pull.
 */
import "fake-indexeddb/auto";
import { dateToExcelDateTime } from "../../src/omspan/convert";
import { localizeError } from "../../src/omspan/messages";
import { formatAsOfTime } from "../../src/omspan/store/as-of";
import { parsePinRows, pinRows } from "../../src/omspan/snapshots";
import { openRuntime } from "../support/runtimes";
import { startStack, type Stack } from "../support/stack";

let stack: Stack;
beforeAll(async () => (stack = await startStack()));
afterAll(() => stack?.close());

const cells = (rt: Awaited<ReturnType<typeof openRuntime>>) =>
  Promise.all([rt.excel.value1("REALISASI", "600001", "52"), rt.excel.value1("PAGU", "600001", "5"), rt.excel.value1("ASOF", "realisasi"), rt.excel.value1("ASOF", "realisasi", "status")]);

test("frozen: refresh refused, another workbook's newer pull ignored, the pin reopens the same snapshots", async () => {
  const meeting = await openRuntime();
  await meeting.session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  const [real, pagu, asOf] = await cells(meeting);
  // Freezing right after the pull waits for the snapshots to be written.
  const pin = await meeting.session.store.freeze();
  expect(pin.entries.map((e) => e.dataset).sort()).toEqual(["dipa", "realisasi"]);
  expect(JSON.stringify(pin)).not.toContain(stack.key);
  expect(meeting.session.store.isFrozen()).toBe(true);
  expect(await meeting.excel.value1("ASOF", "realisasi", "status")).toBe("frozen");

  // Refresh is refused, in both languages, with how to unfreeze.
  let refused: unknown;
  try {
    meeting.session.store.assertNotFrozen();
  } catch (e) {
    refused = e;
  }
  expect(refused).toMatchObject({ name: "FrozenError", code: "frozen" });
  expect(localizeError(refused, "en")).toMatch(/frozen to the data pulled .*Unfreeze it on the OMSPAN pane's Refresh tab/);
  expect(localizeError(refused, "id")).toMatch(/dibekukan pada data yang ditarik .*Cairkan di tab Segarkan/);

  // Another workbook pulls newer data (its own runtime, the same IndexedDB).
  await new Promise((r) => setTimeout(r, 20));
  const other = await openRuntime();
  await other.session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  other.session.store.invalidate();
  await cells(other);
  await other.session.store.settled();
  const newer = other.session.store.asOf("realisasi")!.fetchedAt;
  expect(dateToExcelDateTime(newer)).toBeGreaterThan(asOf as number);

  // The frozen workbook, even with its memory forgotten, answers from the pin and pulls nothing.
  const pulls = meeting.session.store.pulls;
  meeting.session.store.invalidate();
  expect(await cells(meeting)).toEqual([real, pagu, asOf, "frozen"]);
  expect(meeting.session.store.pulls).toBe(pulls);

  // Closed and opened again: the pin comes back from the registry's rows.
  const rows = pinRows(pin);
  const reopened = await openRuntime();
  reopened.session.expectWorkbook(5_000);
  await reopened.session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  const waiting = cells(reopened); // cells asked before the registry was read wait for it
  reopened.session.workbookOpened({ pin: parsePinRows(rows).pin });
  expect(await waiting).toEqual([real, pagu, asOf, "frozen"]);
  expect(reopened.session.store.pulls).toBe(0);

  // Unfreeze: the cells keep what they show until a refresh, which then pulls.
  reopened.session.store.unfreeze();
  expect(reopened.session.store.isFrozen()).toBe(false);
  expect(() => reopened.session.store.assertNotFrozen()).not.toThrow();
  expect(await reopened.excel.value1("ASOF", "realisasi", "status")).toBe("snapshot");
  reopened.session.store.invalidate();
  expect((await cells(reopened))[3]).toBe("fresh");
  expect(reopened.session.store.pulls).toBe(2);
});

test("a pinned snapshot not on this computer: the cells say so, naming its as-of; nothing is pulled", async () => {
  const rt = await openRuntime();
  await rt.session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  await cells(rt);
  const pin = await rt.session.store.freeze();
  // A colleague's computer (or this one after Forget key): the snapshots are not here.
  await rt.session.clearSnapshots();
  const colleague = await openRuntime();
  await colleague.session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  colleague.session.workbookOpened({ pin });
  const realisasiAt = formatAsOfTime(new Date(pin.entries.find((e) => e.dataset === "realisasi")!.fetchedAt));
  await expect(colleague.excel.value1("REALISASI", "600001", "52")).rejects.toMatchObject({
    code: "#N/A",
    message: expect.stringContaining(`pulled ${realisasiAt}, which is not on this computer`),
  });
  // A dataset the pin does not hold is refused too, saying the workbook is frozen.
  await expect(colleague.excel.value1("DANA", "600001", "52", "TERSEDIA")).rejects.toMatchObject({ code: "#N/A", message: expect.stringMatching(/frozen.*dana is not part of it/) });
  expect(colleague.session.store.pulls).toBe(0);
  // Nothing to freeze before anything was pulled.
  const empty = await openRuntime();
  await expect(empty.session.store.freeze()).rejects.toMatchObject({ code: "cannot-freeze" });
});
