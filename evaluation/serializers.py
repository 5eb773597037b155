"""One shape of the rekap for machines (JSON, CSV) and the terminal — used by the CLI and the
API, from the same ``HasilRekap`` the pages use."""

from __future__ import annotations

import csv
import io

from lib.figures import Angka
from lib.figures_kinerja import KelasFisik, sebaran_fisik, sebaran_fisik_per
from lib.kolom import KATEGORI, KOLOM_TABEL
from lib.kolom import KOLOM_ANGKA as SPESIFIKASI_KOLOM
from lib.periode import akhir_bulan
from lib.rupiah import desimal, format_angka, persen, rupiah
from lib.sel import sel_aman

from .cakupan import Cakupan
from .cakupan_data import ambil_cakupan
from .narasi import kalimat_utama
from .queries import HasilRekap

# The figure fields, in the order of ``lib.kolom`` (the keys are the public field names).
KOLOM_ANGKA = tuple(k.kunci for k in SPESIFIKASI_KOLOM)


def _angka_dict(a: Angka) -> dict:
    d = {k: desimal(getattr(a, k)) for k in KOLOM_ANGKA}
    d["kategori"] = a.kategori.label if a.kategori else None
    return d


def rekap_dict(hasil: HasilRekap, cakupan: Cakupan | None = None) -> dict:
    """The rekap as JSON-ready data: money and percents as decimal strings with a dot,
    rounded half up to two places (``"839535848290.34"``, ``"76.73"``); ``laporan`` says how
    many OPD the month's figures cover and ``status_laporan`` each OPD's report of the month
    (``evaluation.cakupan``; fetched unless given)."""
    data, r = hasil.data, hasil.rekap
    cakupan = cakupan or ambil_cakupan(r.tahun, r.bulan)
    return {
        "tahun": r.tahun,
        "bulan": r.bulan,
        "versi": data.versi.nama if data.versi else None,
        **_angka_dict(r.total),
        "laporan": cakupan.sebagai_dict(),
        "opd": [
            {
                "kode": data.opd[k.kunci].kode,
                "nama": data.opd[k.kunci].nama,
                "peringkat": k.peringkat,
                **_angka_dict(k.angka),
                "status_laporan": str(cakupan.untuk(k.kunci)),
            }
            for k in r.opd
        ],
    }


_KOLOM_TEKS = {"kode", "nama", "kategori", "status_laporan"}


# The sebaran fisik: each OPD's sub kegiatan (with pagu) in the four published fisik bands.
KOLOM_SEBARAN_FISIK = dict(zip(KelasFisik, ("fisik_0", "fisik_1_50", "fisik_51_75",
                                            "fisik_76_100"), strict=True))


def rekap_csv(hasil: HasilRekap, cakupan: Cakupan | None = None) -> str:
    kolom = ["peringkat", "kode", "nama", *KOLOM_ANGKA, "kategori", "status_laporan",
             *KOLOM_SEBARAN_FISIK.values()]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(kolom)
    d = rekap_dict(hasil, cakupan)
    subs = [(k.kunci[0], k.angka) for k in hasil.rekap.sub_kegiatan]
    per_opd = sebaran_fisik_per(subs)
    for kel, row in zip(hasil.rekap.opd, d["opd"], strict=True):
        sebaran = per_opd.get(kel.kunci, dict.fromkeys(KelasFisik, 0))
        row.update({KOLOM_SEBARAN_FISIK[kelas]: n for kelas, n in sebaran.items()})
        # only text can carry a formula; a number such as "-0.18" stays a number
        w.writerow(["" if row[k] is None else sel_aman(str(row[k])) if k in _KOLOM_TEKS else row[k]
                    for k in kolom])
    total = {"peringkat": "", "kode": "", "nama": "TOTAL PEMDA", **d, "status_laporan": ""}
    total.update({KOLOM_SEBARAN_FISIK[kelas]: n
                  for kelas, n in sebaran_fisik(a.fisik for _, a in subs).items()})
    w.writerow([total[k] if total[k] is not None else "" for k in kolom])
    return buf.getvalue()


def kalimat_ringkas(hasil: HasilRekap) -> str:
    """The Rakor headline, the same sentence the dashboard shows."""
    t = hasil.rekap.total
    return kalimat_utama(
        akhir_bulan(hasil.tahun, hasil.bulan),
        pagu=t.pagu, target_anggaran_kas=t.target_anggaran_kas, realisasi=t.realisasi,
        persen_realisasi=t.persen_realisasi, persen_target=t.persen_target,
        capaian_anggaran_kas=t.capaian_anggaran_kas,
    ) + (f" Kategori: {t.kategori.label}." if t.kategori else "")


def _poin(nilai) -> str:
    return "–" if nilai is None else format_angka(nilai)


_TULIS = {"rp": rupiah, "persen": persen, "poin": _poin}


def rekap_teks(hasil: HasilRekap, cakupan: Cakupan | None = None) -> str:
    """A plain-text table for the terminal."""
    data, r = hasil.data, hasil.rekap
    cakupan = cakupan or ambil_cakupan(r.tahun, r.bulan)
    baris = [
        f"Rekap realisasi APBD {r.tahun} s.d. bulan {r.bulan}"
        + (f" — {data.versi.nama}" if data.versi else " — belum ada versi anggaran yang berlaku"),
        kalimat_ringkas(hasil),
        f"Laporan {cakupan.periode}: {cakupan.kalimat()}"
        + (" Masa pelaporan bulan ini belum berakhir." if cakupan.berjalan else ""),
        "",
    ]
    kolom = [k for k in KOLOM_TABEL if k.kunci != "fisik"]
    judul = ("No", "Perangkat Daerah", *(k.label_pendek for k in kolom), KATEGORI.label_pendek)
    def sel(a: Angka) -> list[str]:
        return [_TULIS[k.format](getattr(a, k.kunci)) for k in kolom] + [
            a.kategori.label if a.kategori else "–"]

    isi = [(str(k.peringkat or "–"), data.opd[k.kunci].nama[:45], *sel(k.angka)) for k in r.opd]
    isi.append(("", "TOTAL PEMDA", *sel(r.total)))
    lebar = [max(len(x[i]) for x in (judul, *isi)) for i in range(len(judul))]

    def fmt(row):
        return "  ".join(
            c.ljust(lebar[i]) if i in (1, len(judul) - 1) else c.rjust(lebar[i]) for i, c in enumerate(row)
        ).rstrip()

    baris.append(fmt(judul))
    baris.append("  ".join("-" * w for w in lebar))
    baris.extend(fmt(row) for row in isi[:-1])
    baris.append("  ".join("-" * w for w in lebar))
    baris.append(fmt(isi[-1]))
    return "\n".join(baris) + "\n"
