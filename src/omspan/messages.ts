/**
 * Messages people read, in Indonesian and English, for every error the core raises. Each edge calls
 * `localizeError` once; nothing else formats an error for a person.
 */
import { isOmspanError, type OmspanError } from "./errors";
import type { Lang } from "./i18n";
import { formatAsOfTime } from "./store/as-of";

type Detail = OmspanError["detail"];
type Template = (d: Detail) => string;

/** An ISO as-of in this computer's time, as the pane shows it (`2026-12-02 16:04`). */
const when = (iso: string | undefined) => (iso && !Number.isNaN(Date.parse(iso)) ? formatAsOfTime(new Date(iso)) : iso ?? "");

/** Indonesian for the classifier's reasons (classify.ts). */
const BAD_RESPONSE_ID: Readonly<Record<string, string>> = {
  "HTML page instead of data": "halaman HTML, bukan data",
  "empty body": "jawaban kosong",
  "truncated or malformed JSON": "JSON terpotong atau rusak",
  "unexpected JSON shape": "bentuk JSON tidak dikenal",
  "table row width differs from its header": "lebar baris tabel tidak sama dengan kepalanya",
};

const ID: Record<OmspanError["code"], Template> = {
  "invalid-key": (d) => `Kunci API bukan kunci OMSPAN yang sah (${d.alasan ?? d.reason}). Salin ulang kunci lengkapnya.`,
  "key-refused": (d) => `Kunci API ditolak OMSPAN (${d.reason}). Periksa kunci dan tahun anggarannya.`,
  "wrong-parameter": (d) => `OMSPAN menolak parameter permintaan${d.dataset ? ` (${d.dataset})` : ""}.`,
  "no-data": (d) => `Tidak ada data OMSPAN${d.dataset ? ` untuk ${d.dataset}` : ""}${d.alasan ? `: ${d.alasan}` : ""}.`,
  "http-status": (d) => `OMSPAN menjawab dengan kesalahan HTTP ${d.status}${d.alasan ?? d.reason ? `: ${d.alasan ?? d.reason}` : ""}.`,
  "bad-response": (d) => `Jawaban OMSPAN tidak dapat dibaca (${BAD_RESPONSE_ID[d.reason ?? ""] ?? d.reason}). Coba lagi sebentar lagi.`,
  "bad-data": (d) =>
    `Data ${d.dataset} tidak sesuai: ${d.row !== undefined ? `baris ${d.row}, ` : ""}kolom ${d.field}` +
    (d.value !== undefined ? ` bernilai "${d.value.slice(0, 40)}"` : " tidak ada") + ".",
  "too-large": (d) => `Jawaban dari ${d.url} terlalu besar (${d.alasan ?? d.reason}); permintaan tidak diulang.`,
  "repeated-rows": (d) =>
    `OMSPAN terus mengirim baris yang sama (${d.dataset}, jendela mulai baris ${d.row}); penarikan dihentikan.`,
  unreachable: (d) =>
    d.alasan ?? d.reason
      ? `Tidak dapat menghubungi OMSPAN melalui ${d.url}: ${d.alasan ?? d.reason}`
      : `Tidak dapat menghubungi ${d.url}. Periksa alamat proxy dan jaringan.`,
  timeout: (d) => `Tidak ada jawaban dari ${d.url} dalam batas waktu (${d.alasan ?? d.reason}).`,
  cancelled: () => "Permintaan dibatalkan.",
  "invalid-argument": (d) => `Argumen ${d.argument}: ${d.alasan ?? d.reason}`,
  "division-by-zero": (d) => `Pembagian dengan nol: ${d.alasan ?? d.reason}`,
  "not-connected": () => "Belum terhubung ke OMSPAN: masukkan kunci API di panel OMSPAN.",
  frozen: (d) =>
    `Buku kerja ini dibekukan${d.asOf ? ` pada data yang ditarik ${when(d.asOf)}` : ""}` +
    (d.dataset ? `; ${d.dataset} tidak termasuk di dalamnya` : "") +
    ". Cairkan di tab Segarkan panel OMSPAN untuk menarik data baru.",
  "pinned-missing": (d) =>
    `Buku kerja ini dibekukan pada data ${d.dataset} yang ditarik ${when(d.asOf)}, tetapi data itu tidak ada di komputer ini. ` +
    "Cairkan di tab Segarkan panel OMSPAN untuk menarik data baru.",
  "cannot-freeze": (d) => `Tidak dapat membekukan: ${d.alasan ?? d.reason}`,
  failure: (d) => `Terjadi kesalahan tak terduga: ${d.reason}`,
};

const EN: Record<OmspanError["code"], Template> = {
  "invalid-key": (d) => `The API key is not a valid OMSPAN key (${d.reason}). Copy the whole key again.`,
  "key-refused": (d) => `OMSPAN refused the API key (${d.reason}). Check the key and its fiscal year.`,
  "wrong-parameter": (d) => `OMSPAN refused the request parameters${d.dataset ? ` (${d.dataset})` : ""}.`,
  "no-data": (d) => `OMSPAN has no data${d.dataset ? ` for ${d.dataset}` : ""}${d.reason ? `: ${d.reason}` : ""}.`,
  "http-status": (d) => `OMSPAN answered with HTTP error ${d.status}${d.reason ? `: ${d.reason}` : ""}.`,
  "bad-response": (d) => `OMSPAN's answer could not be read (${d.reason}). Try again shortly.`,
  "bad-data": (d) =>
    `${d.dataset} data is malformed: ${d.row !== undefined ? `row ${d.row}, ` : ""}field ${d.field}` +
    (d.value !== undefined ? ` has the value "${d.value.slice(0, 40)}"` : " is missing") + ".",
  "too-large": (d) => `The answer from ${d.url} is too large (${d.reason}); it is not asked again.`,
  "repeated-rows": (d) => `OMSPAN keeps answering the same rows (${d.dataset}, window from row ${d.row}); the pull was stopped.`,
  unreachable: (d) =>
    d.reason
      ? `Cannot reach OMSPAN through ${d.url}: ${d.reason}`
      : `Cannot reach ${d.url}. Check the proxy address and the network.`,
  timeout: (d) => `No answer from ${d.url} in time (${d.reason}).`,
  cancelled: () => "The request was cancelled.",
  "invalid-argument": (d) => `Argument ${d.argument}: ${d.reason}`,
  "division-by-zero": (d) => `Division by zero: ${d.reason}`,
  "not-connected": () => "Not connected to OMSPAN: enter the API key in the OMSPAN pane.",
  frozen: (d) =>
    `This workbook is frozen${d.asOf ? ` to the data pulled ${when(d.asOf)}` : ""}` +
    (d.dataset ? `; ${d.dataset} is not part of it` : "") +
    ". Unfreeze it on the OMSPAN pane's Refresh tab to pull fresh data.",
  "pinned-missing": (d) =>
    `This workbook is frozen to the ${d.dataset} data pulled ${when(d.asOf)}, which is not on this computer. ` +
    "Unfreeze it on the OMSPAN pane's Refresh tab to pull fresh data.",
  "cannot-freeze": (d) => `Cannot freeze: ${d.reason}`,
  failure: (d) => `Something unexpected went wrong: ${d.reason}`,
};

/** The message for any thrown value, in the given language. Unknown errors keep their own text. */
export function localizeError(err: unknown, lang: Lang): string {
  if (isOmspanError(err)) return (lang === "id" ? ID : EN)[err.code](err.detail);
  if (err instanceof Error) return err.message;
  return String(err);
}
