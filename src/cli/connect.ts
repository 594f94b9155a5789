/**
 * Where the CLI pulls from: `--upstream` (or OMSPAN_UPSTREAM) with a key from `--key-file`, `--key` or
 * OMSPAN_KEY; with no upstream at all, an embedded simulator on a loopback port with a freshly minted
 * key — so `omspan pull realisasi` works on a fresh clone, like `npm start`.
 */
import { readFile } from "node:fs/promises";
import { InvalidArgumentError } from "../omspan/errors";
import type { Connection } from "../omspan/store/store";
import { normaliseBaseUrl } from "../omspan/store/session";
import { decodeClaims, normaliseKey } from "../omspan/claims";
import { startSimulator } from "../simulator";

export interface ConnectFlags {
  upstream?: string;
  key?: string;
  keyFile?: string;
  profile?: string;
  year?: string;
}

export interface CliConnection {
  readonly conn: Connection;
  readonly embedded: boolean;
  close(): Promise<void>;
}

async function keyFrom(flags: ConnectFlags, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (flags.keyFile) {
    try {
      return (await readFile(flags.keyFile, "utf8")).trim();
    } catch (e) {
      throw new InvalidArgumentError("--key-file", {
        en: `cannot read ${flags.keyFile} (${(e as NodeJS.ErrnoException).code ?? "error"})`,
        id: `tidak dapat membaca ${flags.keyFile} (${(e as NodeJS.ErrnoException).code ?? "galat"})`,
      });
    }
  }
  return flags.key ?? env.OMSPAN_KEY;
}

export async function openConnection(flags: ConnectFlags, env: NodeJS.ProcessEnv = process.env): Promise<CliConnection> {
  const upstream = flags.upstream ?? env.OMSPAN_UPSTREAM;
  const key = await keyFrom(flags, env);
  if (upstream) {
    if (!key) {
      throw new InvalidArgumentError("--key", {
        en: "an upstream needs a key: --key-file FILE, --key KEY or OMSPAN_KEY",
        id: "upstream memerlukan kunci: --key-file FILE, --key KUNCI atau OMSPAN_KEY",
      });
    }
    decodeClaims(key); // a string that is not a key is refused here, before any request carries it
    return { conn: { baseUrl: normaliseBaseUrl(upstream), key: normaliseKey(key) }, embedded: false, close: async () => undefined };
  }
  const profile = flags.profile === "full" ? "full" : "demo";
  const sim = await startSimulator({ port: 0, host: "127.0.0.1", profile });
  const year = flags.year ? Number(flags.year) : new Date().getFullYear();
  return {
    conn: { baseUrl: sim.baseUrl, key: key ?? (await sim.mintKey({ year })) },
    embedded: true,
    close: () => sim.close(),
  };
}
