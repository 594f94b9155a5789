/**
 * Every Office API the add-in calls must be covered by a requirement set manifest.xml declares
 * (src/excel/requirements.ts), or Excel builds that load the add-in will fail at that call. Rather than
 * a hand-kept list of APIs, the TypeScript checker resolves every name used in the Office-facing code
 * and reads the `[Api set: …]` note Microsoft's typings carry on each member (@types/office-js,
 * office-runtime, custom-functions-runtime). A new API from a newer set fails here with its name, until
 * the manifest declares that set or the API is listed in RUNTIME_CHECKED with the isSetSupported guard
 * that protects it.
 */
import path from "node:path";
import ts from "typescript";
import { REQUIRED_SETS } from "../../src/excel/requirements";

const ROOT = path.resolve(__dirname, "..", "..");
/** Where Office is called: the Excel layer and the thin faces (the core imports no Office). */
const OFFICE_FACING = ["src/excel", "src/commands", "src/functions", "src/taskpane", "src/shared-runtime.ts"];
const TYPINGS = /node_modules[\\/]@types[\\/](office-js|office-runtime|custom-functions-runtime)[\\/]/;

/**
 * Members used above the manifest's sets, each guarded at run time by isSetSupported. Key: the
 * qualified name the scan prints.
 */
const RUNTIME_CHECKED: Record<string, string> = {};

/**
 * Sets the manifest implies without naming them: its ribbon (VersionOverrides) is add-in commands 1.1,
 * which every Excel with SharedRuntime 1.1 has. The typings name only Outlook's set (Mailbox 1.3) on
 * Office.AddinCommands.Event.completed, which Excel's ribbon commands call.
 */
const IMPLIED_SETS: Record<string, string> = { AddinCommands: "1.1" };

/** Requirement sets of other Office applications; a note naming only these says nothing about Excel. */
const OTHER_HOSTS = /^(Mailbox|WordApi|WordApiDesktop|WordApiOnline|PowerPointApi|OneNoteApi|OutlookApi|VisioApi)$/;

/**
 * Where the typings' note is wrong. The ErrorCode members our cells use carry "CustomFunctionsRuntime
 * 1.3" in @types/custom-functions-runtime, but CustomFunctions.Error (1.2) cannot be built without a code,
 * and Microsoft's requirement-set history says 1.2 "adds CustomFunctions.Error" while 1.3 adds "new
 * ErrorCode options" (#BUSY!, #CALC!, …): #VALUE! and #N/A are 1.2.
 */
const ANNOTATION_CORRECTIONS: Record<string, string> = {
  "CustomFunctions.ErrorCode.invalidValue": "CustomFunctionsRuntime 1.2",
  "CustomFunctions.ErrorCode.notAvailable": "CustomFunctionsRuntime 1.2",
  "Office.AddinCommands.Event.completed": "AddinCommands 1.1",
};

/** True inside a type annotation: only values (calls, reads) need the host to have the API. */
function inTypePosition(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n && !ts.isStatement(n); n = n.parent) {
    if (ts.isTypeNode(n) && !ts.isExpressionWithTypeArguments(n)) return true;
  }
  return false;
}

interface Use {
  member: string;
  sets: Array<{ name: string; version: string }>;
  at: string;
}

function versionAtMost(have: string, limit: string): boolean {
  const a = have.split(".").map(Number);
  const b = limit.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return true;
}

function sourceFiles(): string[] {
  const all = ts.sys.readDirectory(path.join(ROOT, "src"), [".ts", ".tsx"]);
  return all.filter((f) => OFFICE_FACING.some((p) => path.relative(ROOT, f).split(path.sep).join("/").startsWith(p)));
}

function parseSets(note: string): Use["sets"] {
  return [...note.matchAll(/([A-Za-z]+)\s+(\d+(?:\.\d+)*)/g)].map((m) => ({ name: m[1]!, version: m[2]! }));
}

/** Every Office member the given files use, with the sets its typings name. */
function officeUses(files: string[]): Use[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  });
  if (!config) throw new Error("tsconfig.json could not be read");
  const program = ts.createProgram(files, config.options);
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not in the program`);
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && !inTypePosition(node)) {
        let symbol = checker.getSymbolAtLocation(node);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const decl = symbol?.declarations?.[0];
        if (symbol && decl && TYPINGS.test(decl.getSourceFile().fileName)) {
          const member = checker.getFullyQualifiedName(symbol).replace(/^"[^"]*"\./, "");
          // The note sits in the JSDoc of the declaration (of the first overload that has one).
          const note = (symbol.declarations ?? [])
            .flatMap((d) => ts.getJSDocCommentsAndTags(d).map((doc) => doc.getText()))
            .map((text) => /\[Api set: ([^\]]+)\]/.exec(text)?.[1])
            .find((found): found is string => found !== undefined);
          const corrected = ANNOTATION_CORRECTIONS[member] ?? note ?? "";
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          uses.push({ member, sets: parseSets(corrected), at: `${path.relative(ROOT, file)}:${line + 1}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

describe("Office APIs used by the add-in and the manifest's requirement sets", () => {
  const files = sourceFiles();
  const uses = officeUses(files);
  const declared = new Map(REQUIRED_SETS.map((s) => [s.name, s.minVersion]));
  const covering = new Map([...Object.entries(IMPLIED_SETS), ...declared]);
  /** Uses whose note names a set Excel can have (members without a note are ExcelApi 1.1 / common). */
  const gated = uses.filter((u) => u.sets.some((s) => !OTHER_HOSTS.test(s.name)));

  test("the scan sees the Office-facing code and the APIs it is known to use", () => {
    expect(files.length).toBeGreaterThan(5);
    const members = new Set(uses.map((u) => u.member));
    expect(members).toContain("Excel.run");
    const noted = new Set(gated.map((u) => u.member));
    for (const known of [
      "Excel.Worksheet.calculate",
      "Excel.Range.getSpecialCellsOrNullObject",
      "CustomFunctions.Error",
      "OfficeRuntime.Storage.getItem",
    ]) {
      expect(noted).toContain(known);
    }
  });

  test("every API used is in a set the manifest declares, at or below the declared version", () => {
    const uncovered = gated.filter(
      (u) =>
        !(u.member in RUNTIME_CHECKED) &&
        !u.sets.some((s) => covering.has(s.name) && versionAtMost(s.version, covering.get(s.name)!)),
    );
    expect(uncovered.map((u) => `${u.member} [${u.sets.map((s) => `${s.name} ${s.version}`).join(", ")}] at ${u.at}`)).toEqual([]);
  });

  test("each declared set is needed: some API used requires it", () => {
    const needed = new Set(gated.flatMap((u) => u.sets.filter((s) => declared.has(s.name)).map((s) => s.name)));
    expect([...declared.keys()].filter((name) => !needed.has(name))).toEqual([]);
  });
});
