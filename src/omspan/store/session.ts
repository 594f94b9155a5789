/**
 * The connection of one runtime (the add-in's shared runtime, or a CLI process): proxy address, key,
 * the key's claims, and the one Store every face shares. The key lives only here, in memory; keeping it
 * across restarts is the user's explicit choice, through a vault the host provides (OfficeRuntime.storage
 * in the add-in). `subscribe`/`getSnapshot` fit React's useSyncExternalStore.
 */
import { decodeClaims, normaliseKey, type KeyClaims } from "../claims";
import { OmspanClient } from "../wire/client";
import { InvalidArgumentError, NotConnectedError, OmspanError, UnexpectedError, isOmspanError } from "../errors";
import { Store, keyTag, type Connection, type OpenPolicy } from "./store";
import { staleEligible } from "./store-answers";
import type { Pin } from "../snapshots/pin";
import type { Snapshots } from "../snapshots/snapshots";

export interface SessionState {
  readonly status: "disconnected" | "connecting" | "connected" | "error";
  readonly baseUrl?: string;
  readonly claims?: KeyClaims;
  readonly error?: OmspanError;
  /** A copy of the connection is kept in the vault (the user chose "remember"). */
  readonly remembered?: boolean;
  /**
   * Connected without OMSPAN: the test request failed as unreachable (timeout, 5xx, unreadable) but this
   * key has snapshots on this computer, so cells answer from them, marked stale. The failure, to show.
   */
  readonly offline?: OmspanError;
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

/** Where the address will be used from: the page's protocol (`location.protocol`), when it has one. */
export interface BaseUrlContext {
  readonly pageProtocol?: string;
}

/**
 * Checks a proxy/base address: absolute http(s) URL, no credentials, no query. From an https page a
 * plain-http address is refused here, with the reason, because the browser would block every request
 * to it as mixed content and the user would only see "unreachable" later. Loopback is refused too:
 * whether an https page may call http://localhost differs between browser engines (and Office's
 * webviews), and one rule the user can read beats one that works on some machines.
 */
export function normaliseBaseUrl(input: string, context: BaseUrlContext = {}): string {
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
  if (url.protocol === "http:" && context.pageProtocol === "https:") {
    throw new InvalidArgumentError(
      "proxy",
      {
        en: `"${url.origin}" is plain http, which this https pane may not call (the browser blocks mixed content): use the proxy's https address`,
        id: `"${url.origin}" memakai http biasa, yang tidak boleh dipanggil dari panel https ini (peramban memblokir konten campuran): gunakan alamat https proxy`,
      },
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

  /**
   * `pageProtocol`: the protocol of the page the session serves (the add-in's pane), so that addresses it
   * cannot reach are refused when entered; none in the CLI.
   */
  constructor(
    private readonly opts: { store?: Store; vault?: KeyVault; fetch?: typeof fetch; pageProtocol?: string; snapshots?: Snapshots; openFrom?: OpenPolicy } = {},
  ) {
    this.store = opts.store ?? new Store((c) => new OmspanClient({ ...c, fetch: opts.fetch }), { snapshots: opts.snapshots, openFrom: opts.openFrom });
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
      const baseUrl = normaliseBaseUrl(input.baseUrl, { pageProtocol: this.opts.pageProtocol });
      const key = normaliseKey(input.key);
      const claims = decodeClaims(key);
      const client = new OmspanClient({ baseUrl, key, fetch: this.opts.fetch, timeoutMs: 20_000, retry: { retries: 1 } });
      await client.request("realisasi", { from: 1, to: 1 });
      this.conn = { baseUrl, key };
      if (input.remember) await this.opts.vault?.save(this.conn);
      else await this.opts.vault?.clear();
      if (this.store.status().offline) this.store.markOffline(undefined);
      this.set({ status: "connected", baseUrl, claims, remembered: Boolean(input.remember && this.opts.vault) });
      return claims;
    } catch (e) {
      const error = isOmspanError(e) ? e : new UnexpectedError(e);
      if (await this.connectOffline(input, error)) return decodeClaims(normaliseKey(input.key));
      this.conn = undefined;
      // The refusal is what the user must see, even if the host's storage fails to forget.
      await this.opts.vault?.clear().catch(() => undefined);
      this.set({ status: "error", baseUrl: input.baseUrl, error });
      throw error;
    }
  }

  /**
   * A bad day: OMSPAN (or the proxy) cannot be reached, but this key has snapshots here — they were pulled
   * with it, so it worked then. The connection is kept, marked offline, and cells answer from the
   * snapshots, stale. Never for a refused key or a key of the wrong form: those failed before or at OMSPAN.
   */
  private async connectOffline(input: ConnectInput, error: OmspanError): Promise<boolean> {
    const snapshots = this.store.snapshots;
    if (!snapshots || !staleEligible(error)) return false;
    const baseUrl = normaliseBaseUrl(input.baseUrl, { pageProtocol: this.opts.pageProtocol });
    const key = normaliseKey(input.key);
    const kept = await snapshots.usage(keyTag(key)).catch(() => ({ count: 0 }));
    if (!kept.count) return false;
    this.conn = { baseUrl, key };
    if (input.remember) await this.opts.vault?.save(this.conn);
    else await this.opts.vault?.clear();
    this.store.markOffline({ reason: error.code as "unreachable", at: new Date() });
    this.set({ status: "connected", baseUrl, claims: decodeClaims(key), remembered: Boolean(input.remember && this.opts.vault), offline: error });
    return true;
  }

  /**
   * Uses a remembered connection, if the user chose to keep one, without a network round trip. A restore
   * that finishes late (the host was slow to start) never replaces a connection made or begun meanwhile.
   */
  async restore(): Promise<boolean> {
    const saved = await this.opts.vault?.load();
    if (!saved || this.state.status !== "disconnected") return false;
    try {
      const claims = decodeClaims(saved.key);
      const baseUrl = normaliseBaseUrl(saved.baseUrl, { pageProtocol: this.opts.pageProtocol });
      this.conn = { baseUrl, key: normaliseKey(saved.key) };
      this.set({ status: "connected", baseUrl: this.conn.baseUrl, claims, remembered: true });
      return true;
    } catch {
      await this.opts.vault?.clear();
      return false;
    }
  }

  /**
   * Forgets the remembered copy of the key on this computer, keeping the live connection: the next start
   * asks for the key again. (Disconnect forgets both.)
   */
  async forgetKey(): Promise<void> {
    await this.opts.vault?.clear();
    await this.clearSnapshots();
    if (this.state.remembered) this.set({ ...this.state, remembered: false });
  }

  /** Forgets the key, the remembered copy, every pulled dataset and the key's snapshots on this computer. */
  async disconnect(): Promise<void> {
    const key = this.conn?.key;
    this.conn = undefined;
    this.store.invalidate();
    this.store.markOffline(undefined);
    await this.opts.vault?.clear();
    if (key) await this.clearSnapshots(key);
    this.set({ status: "disconnected" });
  }

  /** Removes the current key's snapshots from this computer (answers already held stay until a refresh). */
  async clearSnapshots(key = this.conn?.key): Promise<number> {
    if (!key || !this.store.snapshots) return 0;
    return this.store.snapshots.removeKey(keyTag(key));
  }

  /** The current key's snapshots here: how many, how large. */
  async snapshotUsage(): Promise<{ count: number; bytes: number }> {
    if (!this.conn || !this.store.snapshots) return { count: 0, bytes: 0 };
    return this.store.snapshots.usage(keyTag(this.conn.key));
  }

  // ---- a workbook opening (the Excel side reads its pin from the registry sheet) ----

  private opening?: { promise: Promise<void>; resolve: () => void; pending: boolean };

  /**
   * Called by the Excel side when it loads, before any cell is evaluated: cells then wait (at most
   * `timeoutMs`) for `workbookOpened`, so a frozen workbook's cells read its pin, never the newest snapshot.
   */
  expectWorkbook(timeoutMs = 10_000): void {
    if (this.opening) return;
    let settle!: () => void;
    const promise = new Promise<void>((r) => (settle = r));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const opening = {
      promise,
      pending: true,
      resolve: () => {
        opening.pending = false;
        clearTimeout(timer);
        settle();
      },
    };
    this.opening = opening;
    timer = setTimeout(opening.resolve, timeoutMs);
  }

  /** The workbook's registry was read: its pin (or none) and the open policy apply from now on. */
  workbookOpened(opts: { pin?: Pin | null; openFrom?: OpenPolicy } = {}): void {
    this.store.openWorkbook(opts);
    this.opening?.resolve();
  }

  /** Whether cells must still wait for `workbookOpened` (a cheap check per cell). */
  workbookPending(): boolean {
    return this.opening?.pending ?? false;
  }

  /** Settles at once unless `expectWorkbook` was called; then when the workbook said it opened (or the wait ran out). */
  workbookReady(): Promise<void> {
    return this.opening?.promise ?? Promise.resolve();
  }
}
