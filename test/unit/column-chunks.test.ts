import { ColumnChunks } from "../../src/omspan/columnar/column-chunks";
import { Rng } from "../../src/simulator/rng";

/** Random pushes, appended chunks and truncations, checked against a plain array after every step. */
test("chunks behave as one array under pushes, appends and truncations", () => {
  const rng = new Rng(11);
  const pick = (n: number) => Math.floor(rng.next() * n);
  for (let round = 0; round < 50; round++) {
    const chunks = new ColumnChunks<Float64Array>((n) => new Float64Array(n));
    const model: number[] = [];
    for (let step = 0; step < 60; step++) {
      const op = pick(4);
      if (op === 0) {
        for (let k = pick(1500); k > 0; k--) {
          const v = pick(1e6);
          chunks.push(v);
          model.push(v);
        }
      } else if (op === 1) {
        const page = Float64Array.from({ length: pick(40) }, () => pick(1e6));
        chunks.append(page.subarray(0, page.length));
        model.push(...page);
      } else if (op === 2) {
        const n = pick(model.length + 2);
        chunks.truncate(n);
        model.length = Math.min(model.length, n);
      }
      expect(chunks.length).toBe(model.length);
      for (let probe = 0; probe < 5 && model.length; probe++) {
        const row = pick(model.length);
        expect(chunks.at(row)).toBe(model[row]);
      }
    }
    const joined: number[] = [];
    for (const c of chunks.chunks()) joined.push(...c);
    expect(joined).toEqual(model);
  }
});
