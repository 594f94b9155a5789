/**
 * The custom-function metadata as the build makes it: functions.json from the JSDoc, functions.id-ID.json
 * from the catalogue's Indonesian help (Excel picks it by the manifest's bt:Override Locale="id-ID"). The
 * JSDoc and the catalogue must agree: the same functions, parameters in the same order, the same optional
 * tail — and every argument that takes a range is a matrix parameter.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { FORMULAS } from "../../src/omspan/formulas";
import { indonesianMetadata } from "../../src/functions/metadata-locale";

interface Meta {
  functions: { id: string; description: string; parameters: { name: string; description: string; optional?: boolean; dimensionality?: string }[]; result: { dimensionality?: string } }[];
}

let english: Meta;
let indonesian: Meta;

beforeAll(async () => {
  const r = await generateCustomFunctionsMetadata(path.join(__dirname, "../../src/functions/functions.ts"));
  expect(r.errors).toEqual([]);
  english = JSON.parse(r.metadataJson) as Meta;
  indonesian = JSON.parse(indonesianMetadata(r.metadataJson)) as Meta;
});

test("the JSDoc declares exactly the catalogue, with its parameters and optional tail", () => {
  expect(english.functions.map((f) => f.id).sort()).toEqual(Object.keys(FORMULAS).sort());
  for (const f of english.functions) {
    const spec = FORMULAS[f.id]!;
    expect([f.id, f.parameters.map((p) => p.name)]).toEqual([f.id, spec.params.map((p) => p.name)]);
    expect([f.id, f.parameters.filter((p) => !p.optional).length]).toEqual([f.id, spec.required]);
    const matrix = spec.spills === "grid";
    for (const p of f.parameters) expect([f.id, p.name, p.dimensionality === "matrix"]).toEqual([f.id, p.name, matrix]);
    expect([f.id, f.result.dimensionality === "matrix"]).toEqual([f.id, spec.spills !== "no"]);
    // Help shows both separator styles.
    expect(f.description).toMatch(/;.* or .*,/);
  }
});

test("functions.id-ID.json: every description in Indonesian from the catalogue, examples in both styles", () => {
  for (const f of indonesian.functions) {
    const spec = FORMULAS[f.id]!;
    expect(f.description.startsWith(spec.help.id)).toBe(true);
    expect(f.description).toMatch(/Contoh: .* atau /);
    for (const p of f.parameters) expect(p.description).toBe(spec.params.find((q) => q.name === p.name)!.help.id);
  }
  const tabel = indonesian.functions.find((f) => f.id === "TABEL")!;
  // A `;` inside quoted filter text is not an argument separator: it stays in the `,` example.
  expect(tabel.description).toContain('=OMSPAN.TABEL("dipa", "satker=600001;akun=52")');
});

test("the manifest points Excel in Indonesian at functions.id-ID.json", () => {
  const manifest = readFileSync(path.join(__dirname, "../../manifest.xml"), "utf8");
  expect(manifest).toMatch(/<bt:Url id="Functions\.Metadata\.Url" DefaultValue="[^"]*\/functions\.json">\s*<bt:Override Locale="id-ID" Value="[^"]*\/functions\.id-ID\.json"\/>/);
});
