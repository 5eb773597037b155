"""The command line's words for a SIPD import: the preview as text, and what to do with a file
whose headers match no layout."""

from __future__ import annotations

from lib.periode import nama_bulan, tanggal_panjang
from lib.rupiah import format_angka

from .models import TataLetakSipd
from .tata_letak import huruf, medan

HASIL_BARIS = {
    "dipakai": "baris rincian dipakai",
    "subtotal": "baris subtotal/jumlah diperiksa (tidak dijumlahkan)",
    "bukan_belanja": "baris bukan rekening belanja (dilewati)",
    "keterangan": "baris keterangan tanpa kode dan angka (dilewati)",
    "kosong": "baris kosong",
}


def baris_hasil(baris: dict) -> list[tuple[str, int]]:
    return [(label, baris[k]) for k, label in HASIL_BARIS.items() if baris.get(k)]


def teks_hasil(hasil) -> str:
    judul = (f"Realisasi per SIPD s.d. {tanggal_panjang(hasil.tanggal)} — realisasi bulan "
             f"{nama_bulan(hasil.bulan)} {hasil.tanggal.year}"
             f"{' (bulan berjalan, sementara)' if hasil.sementara else ''}; "
             f"{hasil.versi}; tata letak: {TataLetakSipd(hasil.tata_letak).label}")
    keluar = [judul, "Baris: " + "; ".join(f"{n} {label}" for label, n in
                                          baris_hasil(hasil.baris))]
    lebar = 40
    keluar.append(f"{'Perangkat daerah':<{lebar}}  {'SIAP sebelum':>22}  {'SIPD':>22}  "
                  f"{'Selisih':>22}  {'SIAP sesudah':>22}")
    for o in hasil.opd:
        keluar.append(f"{o.nama[:lebar]:<{lebar}}  {format_angka(o.siap_sebelum):>22}  "
                      f"{format_angka(o.sipd):>22}  {format_angka(o.selisih):>22}  "
                      f"{format_angka(o.siap_sesudah):>22}")
    if hasil.pembagian:
        keluar.append(f"Dibagi ke beberapa sumber dana (sebanding sisa pagu): "
                      f"{len(hasil.pembagian)} kelompok rincian")
    keluar.append(str(hasil.ringkasan) or "Tidak ada perubahan.")
    if hasil.impor is not None:
        keluar.append(f"Tercatat sebagai impor SIPD #{hasil.impor.pk} (sha256 "
                      f"{hasil.impor.sha256[:12]}…).")
    return "\n".join(keluar)


def teks_tidak_dikenal(berkas) -> str:
    judul = ", ".join(f"{huruf(i)}={str(j).strip()!r}" for i, j in enumerate(berkas.judul)
                      if j not in (None, ""))
    perlu = ", ".join(m.label for m in medan("realisasi") if m.wajib)
    return (f"Judul kolom berkas tidak dikenali sebagai berkas SIPD (baris judul: {judul or '—'}). "
            f"Isian yang dibutuhkan: kode SKPD atau kode sub unit, {perlu}. Petakan kolomnya "
            f"sekali lewat halaman Impor SIPD di aplikasi; pemetaan itu tersimpan dan dipakai "
            f"juga oleh perintah ini untuk berkas dengan judul yang sama.")


def teks_anggaran(hasil) -> str:
    tl = TataLetakSipd(hasil.tata_letak).label
    if hasil.tata_letak_dpa:
        tl += f"; DPA: {TataLetakSipd(hasil.tata_letak_dpa).label}"
    keluar = [f"Anggaran dari SIPD — tata letak: {tl}",
              f"Baris dipakai: anggaran kas {hasil.baris.get('anggaran_kas', 0)}, DPA "
              f"{hasil.baris.get('dpa', 0)}; {hasil.rincian} rincian, pagu Rp {format_angka(hasil.total)}"]
    if hasil.dibagi:
        keluar.append(f"Anggaran kas dibagi ke beberapa sumber dana (sebanding pagu DPA): "
                      f"{hasil.dibagi} kelompok rincian")
    keluar.append(str(hasil.ringkasan) or "Tidak ada perubahan.")
    return "\n".join(keluar)
