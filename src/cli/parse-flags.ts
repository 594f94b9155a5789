/**
 * node:util parseArgs with its failures as usage errors: an unknown option, a value missing after one,
 * or a stray positional is exit code 2 with a message saying which, in both languages — never the
 * TypeError (exit 1) that parseArgs throws.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { InvalidArgumentError } from "../omspan/errors";
import { langFromTag, type Lang } from "../omspan/i18n";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseFlags<O extends Options>(args: readonly string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code ?? "";
    if (!code.startsWith("ERR_PARSE_ARGS")) throw e;
    const m = /'([^']+)'/.exec((e as Error).message);
    const flag = m?.[1] ?? "";
    const known = Object.keys(options).map((k) => `--${k}`).join(", ");
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      throw new InvalidArgumentError("option", { en: `unknown option ${flag} (known: ${known})`, id: `opsi ${flag} tidak dikenal (tersedia: ${known})` }, flag);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new InvalidArgumentError("option", { en: `option ${flag} needs a value`, id: `opsi ${flag} memerlukan nilai` }, flag);
    }
    throw new InvalidArgumentError("option", { en: (e as Error).message, id: (e as Error).message }, flag);
  }
}

/** The connection flags every command that pulls takes (`--upstream URL --key-file FILE`, or the embedded simulator's). */
export const CONNECTION_FLAGS = {
  upstream: { type: "string" },
  key: { type: "string" },
  "key-file": { type: "string" },
  profile: { type: "string" },
  year: { type: "string" },
} as const satisfies Options;

/** Snapshots on disk and answering from them when OMSPAN cannot be reached (src/cli/snapshot-flags.ts). */
export const SNAPSHOT_FLAGS = {
  "snapshot-dir": { type: "string" },
  "allow-stale": { type: "boolean" },
} as const satisfies Options;

/** The terminal's language (LC_ALL, LC_MESSAGES or LANG `id_ID…` → Indonesian; otherwise English). */
export function terminalLang(env: NodeJS.ProcessEnv = process.env): Lang {
  return langFromTag((env.LC_ALL || env.LC_MESSAGES || env.LANG || "en").replace("_", "-"));
}
