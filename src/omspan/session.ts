/**
 * The connection of one runtime (the add-in's shared runtime, or a CLI process): proxy address, key,
 * the key's claims, and the one Store every face shares. The key lives only here, in memory; keeping it
 * across restarts is the user's explicit choice, through a vault the host provides (OfficeRuntime.storage
 * in the add-in). `subscribe`/`getSnapshot` fit React's useSyncExternalStore.
 */
import { decodeClaims, normaliseKey, type KeyClaims } from "./claims";
import { OmspanClient } from "./client";
import { InvalidArgumentError, NotConnectedError, OmspanError, UnexpectedError, isOmspanError } from "./errors";
import { Store, type Connection } from "./store";

export interface SessionState {
  readonly status: "disconnected" | "connecting" | "connected" | "error";
  readonly baseUrl?: string;
  readonly claims?: KeyClaims;
  readonly error?: OmspanError;
}

/** Where a remembered connection is kept (never the workbook). */
export interface KeyVault {
  load(): Promise<Connection | null>;
  save(conn: Connection): Promise<void>;
  clear(): Promise<void>;
}

export interface ConnectInput {
  readonly baseUrl: string;
  readonly key: string;
  readonly remember?: boolean;
}

/** Checks a proxy/base address: absolute http(s) URL, no credentials, no query. */
export function normaliseBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidArgumentError(
      "proxy",
      { en: `"${input}" is not a web address`, id: `"${input}" bukan alamat web` },
      input,
    );
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password || url.search) {
    throw new InvalidArgumentError(
      "proxy",
      { en: "use an http(s) address without user, password or query", id: "gunakan alamat http(s) tanpa user, sandi, atau query" },
      input,
    );
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

export class Session {
  readonly store: Store;
  private conn?: Connection;
  private state: SessionState = { status: "disconnected" };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly opts: { store?: Store; vault?: KeyVault; fetch?: typeof fetch } = {}) {
    this.store = opts.store ?? new Store((c) => new OmspanClient({ ...c, fetch: opts.fetch }));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionState => this.state;

  private set(state: SessionState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }

  /** The current connection, or NotConnectedError. */
  connection(): Connection {
    if (!this.conn) throw new NotConnectedError();
    return this.conn;
  }

  /**
   * Checks the key's form, then asks OMSPAN for one row to prove the key and the address work.
   * On success the connection is live (and remembered if asked). On failure the previous connection is
   * dropped too: what the pane shows (an error, no claims) is what the formulas use (no key), so no cell
   * keeps answering with a key the user just tried to replace — and so is the remembered copy, or the
   * next start would reconnect with the old key without asking.
   */
  async connect(input: ConnectInput): Promise<KeyClaims> {
    this.set({ status: "connecting", baseUrl: input.baseUrl });
    try {
      const baseUrl = normaliseBaseUrl(input.baseUrl);
      const key = normaliseKey(input.key);
      const claims = decodeClaims(key);
      const client = new OmspanClient({ baseUrl, key, fetch: this.opts.fetch, timeoutMs: 20_000, retry: { retries: 1 } });
      await client.request("realisasi", { from: 1, to: 1 });
      this.conn = { baseUrl, key };
      if (input.remember) await this.opts.vault?.save(this.conn);
      else await this.opts.vault?.clear();
      this.set({ status: "connected", baseUrl, claims });
      return claims;
    } catch (e) {
      const error = isOmspanError(e) ? e : new UnexpectedError(e);
      this.conn = undefined;
      // The refusal is what the user must see, even if the host's storage fails to forget.
      await this.opts.vault?.clear().catch(() => undefined);
      this.set({ status: "error", baseUrl: input.baseUrl, error });
      throw error;
    }
  }

  /** Uses a remembered connection, if the user chose to keep one, without a network round trip. */
  async restore(): Promise<boolean> {
    const saved = await this.opts.vault?.load();
    if (!saved) return false;
    try {
      const claims = decodeClaims(saved.key);
      this.conn = { baseUrl: normaliseBaseUrl(saved.baseUrl), key: normaliseKey(saved.key) };
      this.set({ status: "connected", baseUrl: this.conn.baseUrl, claims });
      return true;
    } catch {
      await this.opts.vault?.clear();
      return false;
    }
  }

  /** Forgets the key, the remembered copy and every pulled dataset. */
  async disconnect(): Promise<void> {
    this.conn = undefined;
    this.store.invalidate();
    await this.opts.vault?.clear();
    this.set({ status: "disconnected" });
  }
}
