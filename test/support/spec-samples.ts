/** The spec's sample bodies, verbatim (omspan-api.md), shared by the core's unit tests. */
export const DIPA_SAMPLE = `[{"KDSATKER":"527560","KPPN":"001","BA":"015","BAES1":"01508","AKUN":"522151","PROGRAM":"0150809",
 "KEGIATAN":"1705","OUTPUT":"994","KEWENANGAN":"2","SUMBER_DANA":"A","LOKASI":"0651","BUDGET_TYPE":"2",
 "AMOUNT":"3600000"}]`;
export const REALISASI_SAMPLE = `[{"ROWNUM":"1","KDSATKER":"527560","KPPN":"001","BA":"015","BAES1":"01508","AKUN":"524113",
 "PROGRAM":"0150809","KEGIATAN":"1705","OUTPUT":"002","KEWENANGAN":"2","SUMBER_DANA":"A","CARA_TARIK":"0",
 "KDREGISTER":"00000001","LOKASI":"0651","BUDGET_TYPE":"2","TANGGAL":"04-FEB-19","MAXDATE":"15-MAR-19",
 "AMOUNT":"750000"}]`;
export const DANA_SAMPLE = `[{"SATKER":"060038","KPPN":"001","AKUN":"521114","PROGRAM":"0650106","OUTPUT":"3229021","DANA":"A00000001",
 "KEWENANGAN":"3","LOKASI":"0600","BUDGET_TYPE":"2","DIPA":"3520000","KONTRAK":"0","BLOKIR":"0",
 "ACTUAL_AMT":"43000","BALANCING_AMT":"3477000"}]`;
export const IKPA_ESELON1_SAMPLE = `[{"BA":"05601","NMBA":"SEKRETARIAT JENDERAL","PERIODE":"03","IK_REALISASI":"99.99","BBT_IND_REALISASI":"20","IK_RENKAS":"95.5","BBT_IND_RENKAS":"0","IK_UP":"100","BBT_IND_UP":"10"}]`;
export const IKPA_SATKER_SAMPLE = `[{"KDSATKER":"527560","NMSATKER":"KANTOR PERTANAHAN KOTA BANDA ACEH","KDKPPN":"001","PERIODE":"01","IK_REALISASI":"80","BBT_IND_REALISASI":"20","IK_UP":"90","BBT_IND_UP":"10","NILAI_TOTAL":"83.33"}]`;
export const IKPA_KL_SAMPLE = `[{"BA":"056","NMBA":"KEMENTERIAN AGRARIA DAN TATA RUANG/BADAN PERTANAHAN NASIONAL","PERIODE":"12","IK_REALISASI":"97.1","BBT_IND_REALISASI":"20"}]`;
export const PNBP_TABLE_SAMPLE = `{"header": ["KDSATKER","AKUN","TANGGAL","AMOUNT"], "body": [["527560","423219","02-JAN-26","50000"],["527560","423219","03-JAN-26","-1000"]]}`;
export const NO_DATA = `{"body":{"value":"Tidak Ada Data (no data found)"}}`;
export const WRONG_PARAMETER = `[[{"colspan":26,"classes":"bold align-center","value":"Harap isi filter atau parameter terlebih dahulu"}]]`;
export const UNAUTHORIZED = `Token yang dikirimkan tidak valid (Signature verification failed)`;

/** Each dataset's success sample, for tests that run over all of them. */
export const SUCCESS_SAMPLES = [
  ["dipa", DIPA_SAMPLE],
  ["realisasi", REALISASI_SAMPLE],
  ["dana", DANA_SAMPLE],
  ["ikpa-eselon1", IKPA_ESELON1_SAMPLE],
  ["ikpa-satker", IKPA_SATKER_SAMPLE],
  ["ikpa-kl", IKPA_KL_SAMPLE],
  ["pnbp", PNBP_TABLE_SAMPLE],
] as const;
