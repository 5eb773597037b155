"""The SIPD tables in ``siap ekspor-semua``: not exported (format version 1 has no place for
them), deleted by ``impor-semua --ganti`` before the data they point at. The import log and
SIPD's figures come back by importing the SIPD files again; the mappings are re-entered."""

SIPD_DIKECUALIKAN = {
    "exchange.SipdDiterima": "catatan penerimaan angka SIPD; menunjuk laporan yang diganti",
    "exchange.RealisasiSipd": "angka SIPD per rincian; pulih dengan mengimpor berkas SIPD lagi",
    "exchange.ImporSipd": "jejak impor SIPD; pulih dengan mengimpor berkas SIPD lagi",
    "exchange.PemetaanUnitSipd": "pemetaan sub unit SIPD; menunjuk perangkat daerah yang diganti",
    "exchange.PemetaanKolomSipd": "pemetaan kolom SIPD (konfigurasi, bukan data anggaran)",
}
