/**
 * `--snapshot-dir DIR` (or OMSPAN_SNAPSHOT_DIR) keeps every good pull as a snapshot in DIR;
 * `--allow-stale` answers a pull that cannot reach OMSPAN (unreachable, timeout, 5xx, unreadable) from
 * the newest snapshot there, exits 0 and says so in one stderr line naming the as-of. Without it an
 * unreachable OMSPAN stays exit 6; a refused key is exit 3 either way (the store never falls back then).
 * A CLI run always pulls: it is a refresh, never "open without waiting".
 */
import { DirSnapshotStore } from "../node/snapshot-dir";
import { InvalidArgumentError } from "../omspan/errors";
import { Snapshots, DEFAULT_MAX_SNAPSHOT_BYTES } from "../omspan/snapshots/snapshots";
import { Store, type DatasetData } from "../omspan/store/store";
import { terminalLang } from "./parse-flags";

export interface SnapshotFlags {
  readonly snapshotDir?: string;
  readonly allowStale?: boolean;
}

/** The CLI's store, with snapshots when a directory is given. */
export function cliStore(flags: SnapshotFlags, env: NodeJS.ProcessEnv = process.env): Store {
  const dir = flags.snapshotDir ?? env.OMSPAN_SNAPSHOT_DIR;
  if (flags.allowStale && !dir) {
    throw new InvalidArgumentError("--allow-stale", {
      en: "answers from snapshots: give --snapshot-dir DIR or OMSPAN_SNAPSHOT_DIR",
      id: "menjawab dari snapshot: berikan --snapshot-dir DIR atau OMSPAN_SNAPSHOT_DIR",
    });
  }
  const maxMb = Number(env.OMSPAN_SNAPSHOT_MAX_MB);
  const warn = (m: string) => process.stderr.write(`${m}\n`);
  const snapshots = dir
    ? new Snapshots(new DirSnapshotStore(dir), { maxBytes: maxMb > 0 ? maxMb * 1024 * 1024 : DEFAULT_MAX_SNAPSHOT_BYTES, warn })
    : undefined;
  return new Store(undefined, { snapshots, allowStale: Boolean(flags.allowStale), openFrom: "pull", warn });
}

/** The one stderr line for a stale answer (undefined for a fresh one), in the terminal's language. */
export function staleLine(answers: readonly DatasetData[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const stale = answers.filter((d) => d.asOf.stale);
  if (!stale.length) return undefined;
  const id = terminalLang(env) === "id";
  const parts = stale.map((d) => {
    const when = d.asOf.fetchedAt.toISOString();
    const fromProxy = d.asOf.source === "pull";
    return id
      ? `${d.dataset} dari ${fromProxy ? "salinan proxy" : "snapshot"} yang ditarik ${when}`
      : `${d.dataset} from the ${fromProxy ? "proxy's copy" : "snapshot"} pulled ${when}`;
  });
  return id
    ? `omspan: OMSPAN tidak dapat dihubungi — menjawab ${parts.join("; ")} (data lama)`
    : `omspan: OMSPAN cannot be reached — answered ${parts.join("; ")} (stale)`;
}
