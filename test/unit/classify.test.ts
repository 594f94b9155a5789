import { classifyResponse } from "../../src/omspan/wire/classify";
import { TableBuilder } from "../../src/omspan/columnar/table-builder";
import { datasetSpec } from "../../src/omspan/datasets/catalog";
import { textAt, numberAt } from "../../src/omspan/columnar/table";
import { parseOmspanDate, formatDay } from "../../src/omspan/convert";
import type { DatasetId } from "../../src/omspan/routes";
import * as S from "../support/spec-samples";
import { errorAnswer } from "../../src/server/errors";
import { localizeError } from "../../src/omspan/messages";

function tableOf(dataset: DatasetId, body: string) {
  const c = classifyResponse(200, body);
  if (c.kind !== "rows") throw new Error("expected rows");
  const b = new TableBuilder(datasetSpec(dataset));
  b.addPage(c.rows);
  return b.build();
}

describe("classifying the spec's verbatim bodies", () => {
  test.each(S.SUCCESS_SAMPLES)("%s success sample converts into a typed table", (dataset, body) => {
    const t = tableOf(dataset, body);
    expect(t.rowCount).toBeGreaterThan(0);
  });

  test("codes stay text with leading zeros; amounts and dates convert", () => {
    const r = tableOf("realisasi", S.REALISASI_SAMPLE);
    expect(textAt(r, "KPPN", 0)).toBe("001");
    expect(textAt(r, "KDREGISTER", 0)).toBe("00000001");
    expect(numberAt(r, "AMOUNT", 0)).toBe(750000);
    expect(formatDay(numberAt(r, "TANGGAL", 0))).toBe("2019-02-04");
    expect(formatDay(numberAt(r, "MAXDATE", 0))).toBe("2019-03-15");
    const d = tableOf("dana", S.DANA_SAMPLE);
    expect(textAt(d, "SATKER", 0)).toBe("060038");
    expect(numberAt(d, "BALANCING_AMT", 0)).toBe(3477000);
  });

  test("unknown extra fields are kept as columns", () => {
    const t = tableOf("ikpa-satker", S.IKPA_SATKER_SAMPLE);
    expect(t.columnNames).toContain("NILAI_TOTAL");
    expect(textAt(t, "NILAI_TOTAL", 0)).toBe("83.33");
  });

  test("PNBP header/body table shape becomes records; negative amounts allowed", () => {
    const t = tableOf("pnbp", S.PNBP_TABLE_SAMPLE);
    expect(t.rowCount).toBe(2);
    expect(numberAt(t, "AMOUNT", 1)).toBe(-1000);
    expect(textAt(t, "AKUN", 0)).toBe("423219");
  });

  test("no-data body is an empty result, not an error", () => {
    expect(classifyResponse(200, S.NO_DATA)).toEqual({ kind: "no-data" });
  });

  test("wrong-parameter table is a WrongParameterError", () => {
    expect(() => classifyResponse(200, S.WRONG_PARAMETER)).toThrow(expect.objectContaining({ code: "wrong-parameter" }));
  });

  test("401 is a KeyRefusedError carrying OMSPAN's reason", () => {
    expect(() => classifyResponse(401, S.UNAUTHORIZED)).toThrow(
      expect.objectContaining({ name: "KeyRefusedError", detail: expect.objectContaining({ reason: "Signature verification failed" }) }),
    );
  });
});

describe("hostile bodies", () => {
  test("an HTML page with status 200", () => {
    expect(() => classifyResponse(200, "<!DOCTYPE html><html><body>Fatal error</body></html>")).toThrow(
      expect.objectContaining({ code: "bad-response", detail: expect.objectContaining({ reason: "HTML page instead of data" }) }),
    );
  });

  test("truncated JSON", () => {
    expect(() => classifyResponse(200, S.REALISASI_SAMPLE.slice(0, 80))).toThrow(
      expect.objectContaining({ code: "bad-response", detail: expect.objectContaining({ reason: "truncated or malformed JSON" }) }),
    );
  });

  test("a record missing AMOUNT names dataset, row and field", () => {
    const rows = JSON.parse(S.REALISASI_SAMPLE) as Record<string, string>[];
    const good = rows[0]!;
    const bad = { ...good, ROWNUM: "2" } as Record<string, string>;
    delete bad.AMOUNT;
    const b = new TableBuilder(datasetSpec("realisasi"));
    expect(() => b.addPage([good, bad], 1)).toThrow(
      expect.objectContaining({ code: "bad-data", detail: expect.objectContaining({ dataset: "realisasi", row: 2, field: "AMOUNT" }) }),
    );
  });

  test("a malformed amount or date is an error naming the field and value", () => {
    const good = (JSON.parse(S.DIPA_SAMPLE) as Record<string, string>[])[0]!;
    const b = new TableBuilder(datasetSpec("dipa"));
    expect(() => b.addPage([{ ...good, AMOUNT: "3.600.000" }])).toThrow(/AMOUNT.*3\.600\.000/);
    const r = (JSON.parse(S.REALISASI_SAMPLE) as Record<string, string>[])[0]!;
    const rb = new TableBuilder(datasetSpec("realisasi"));
    expect(() => rb.addPage([{ ...r, TANGGAL: "31-FEB-19" }])).toThrow(/TANGGAL/);
  });

  test("the proxy's own answers: OMSPAN unreachable or slow behind it is 'unreachable'/'timeout', the rest HTTP errors", () => {
    const url = "https://localhost:3000/omspan/DataFA";
    const answer = (code: Parameters<typeof errorAnswer>[0]) => {
      const a = errorAnswer(code);
      return () => classifyResponse(a.status, JSON.stringify(a.body), { url });
    };
    expect(answer("upstream_unreachable")).toThrow(expect.objectContaining({ code: "unreachable", detail: expect.objectContaining({ url: "https://localhost:3000" }) }));
    expect(answer("upstream_tls")).toThrow(expect.objectContaining({ code: "unreachable" }));
    expect(answer("upstream_timeout")).toThrow(expect.objectContaining({ code: "timeout" }));
    expect(answer("busy")).toThrow(expect.objectContaining({ code: "http-status", detail: expect.objectContaining({ status: 503 }) }));
    try {
      answer("upstream_unreachable")();
    } catch (e) {
      expect(localizeError(e, "en")).toMatch(/^Cannot reach OMSPAN through https:\/\/localhost:3000: OMSPAN could not be reached/);
      expect(localizeError(e, "id")).toMatch(/^Tidak dapat menghubungi OMSPAN melalui https:\/\/localhost:3000: OMSPAN tidak dapat dihubungi/);
    }
  });

  test("overlapping windows are de-duplicated by row number", () => {
    const r = (JSON.parse(S.REALISASI_SAMPLE) as Record<string, string>[])[0]!;
    const b = new TableBuilder(datasetSpec("realisasi"));
    b.addPage([r, { ...r, ROWNUM: "2" }]);
    b.addPage([{ ...r, ROWNUM: "2" }, { ...r, ROWNUM: "3" }]);
    expect(b.rowCount).toBe(3);
    expect(b.duplicates).toBe(1);
  });
});

test("Oracle dates read as 20YY", () => {
  expect(formatDay(parseOmspanDate("04-FEB-19"))).toBe("2019-02-04");
  expect(formatDay(parseOmspanDate("31-DEC-26"))).toBe("2026-12-31");
  expect(parseOmspanDate("2019-13-01")).toBeNaN();
  expect(parseOmspanDate("04-XYZ-19")).toBeNaN();
});

test("every classifier reason reads in Indonesian too", () => {
  const { localizeError } = jest.requireActual<typeof import("../../src/omspan/messages")>("../../src/omspan/messages");
  for (const body of ["<html></html>", "", '{"a":', '{"x":1}', '{"header":["A"],"body":[["1","2"]]}']) {
    try {
      classifyResponse(200, body);
      throw new Error(`accepted ${body}`);
    } catch (e) {
      expect(localizeError(e, "id")).toMatch(/^Jawaban OMSPAN tidak dapat dibaca \((halaman HTML|jawaban kosong|JSON terpotong|bentuk JSON|lebar baris)/);
    }
  }
});

describe("records a careless reader would take", () => {
  const base = () => ({ ...(JSON.parse(S.REALISASI_SAMPLE) as Record<string, string>[])[0]! });

  test.each([" ", "0x10", "0b11", "1e3", "Infinity", "1,000", "Rp 5"])("amount %p is refused", (amount) => {
    const b = new TableBuilder(datasetSpec("realisasi"));
    expect(() => b.addPage([{ ...base(), AMOUNT: amount }])).toThrow(expect.objectContaining({ code: "bad-data", detail: expect.objectContaining({ field: "AMOUNT" }) }));
    expect(b.rowCount).toBe(0);
  });

  test("a ROWNUM that comes back with other data means the numbering shifted: the pull fails", () => {
    const b = new TableBuilder(datasetSpec("realisasi"));
    b.addPage([base(), { ...base(), ROWNUM: "2", AMOUNT: "1" }]);
    expect(() => b.addPage([{ ...base(), ROWNUM: "2", AMOUNT: "2" }])).toThrow(/numbering shifted/);
  });

  test("a field first seen on a later record is kept, earlier rows blank", () => {
    const b = new TableBuilder(datasetSpec("realisasi"));
    b.addPage([base(), { ...base(), ROWNUM: "2", KETERANGAN: "koreksi" }, { ...base(), ROWNUM: "3" }]);
    const t = b.build();
    expect([textAt(t, "KETERANGAN", 0), textAt(t, "KETERANGAN", 1), textAt(t, "KETERANGAN", 2)]).toEqual(["", "koreksi", ""]);
    expect(t.rowCount).toBe(3);
  });
});

test("an eselon I record needs its code under BAES1 or BA", () => {
  const b = new TableBuilder(datasetSpec("ikpa-eselon1"));
  b.addPage([{ NMBA: "SEKRETARIAT JENDERAL", PERIODE: "03", IK_REALISASI: "99", BBT_IND_REALISASI: "20" }]);
  expect(() => b.build()).toThrow(expect.objectContaining({ code: "bad-data", detail: expect.objectContaining({ field: "BAES1/BA", row: 1 }) }));
  const ok = new TableBuilder(datasetSpec("ikpa-eselon1"));
  ok.addPage([{ BAES1: "05601", NMBA: "SEKRETARIAT JENDERAL", PERIODE: "03" }]);
  expect(ok.build().rowCount).toBe(1);
});

test("IKPA's overall score is the weighted mean over the indicators scored this period (weight > 0)", () => {
  const { ikpaScore } = jest.requireActual<typeof import("../../src/omspan/datasets/ikpa")>("../../src/omspan/datasets/ikpa");
  const t = tableOf("ikpa-eselon1", S.IKPA_ESELON1_SAMPLE); // realisasi 99.99 w20, renkas 95.5 w0, UP 100 w10
  const score = ikpaScore((k) => numberAt(t, k, 0), (k) => numberAt(t, k, 0));
  expect(score).toBeCloseTo((99.99 * 20 + 100 * 10) / 30, 10);
  expect(ikpaScore(() => 50, () => 0)).toBeNaN();
});
