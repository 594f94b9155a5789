/**
 * Localised custom-function metadata, Excel's documented way: one metadata file per language, chosen by
 * a `bt:Override Locale` on the manifest's `Functions.Metadata.Url`. The English file is generated from
 * the JSDoc in functions.ts (custom-functions-metadata-plugin); this makes the Indonesian one from it at
 * build time (webpack.config.js), taking every description from the formula catalogue's Indonesian help,
 * so the Indonesian text is written once, in the core, next to the English help the README and CLI use.
 */
import { FORMULAS, formulaInLocale } from "../omspan/formulas";

interface MetadataParam {
  name: string;
  description?: string;
}
interface MetadataFunction {
  id: string;
  description?: string;
  parameters: MetadataParam[];
}

/** The metadata JSON with each function's and parameter's description in Indonesian. */
export function indonesianMetadata(englishJson: string): string {
  const meta = JSON.parse(englishJson) as { functions: MetadataFunction[] };
  for (const f of meta.functions) {
    const spec = FORMULAS[f.id];
    if (!spec) throw new Error(`functions.json has ${f.id}, which the formula catalogue lacks`);
    const comma = formulaInLocale(spec.example, ",");
    f.description = `${spec.help.id}.\nContoh: ${spec.example} atau ${comma}`;
    for (const p of f.parameters) {
      const help = spec.params.find((q) => q.name === p.name)?.help.id;
      if (!help) throw new Error(`${f.id}: parameter ${p.name} has no Indonesian help in the catalogue`);
      p.description = help;
    }
  }
  return JSON.stringify(meta, null, 4);
}
