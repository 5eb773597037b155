"""From SIPD's cumulative per (OPD, sub kegiatan, jenis belanja) to each line's month: the
checks that need the whole file (pagu, a cumulative that goes down, over the pagu now or in a
later month, sumber dana named on some rows only) and the sumber dana split (``bagi``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from lib.periode import nama_bulan, tanggal_panjang
from lib.rupiah import rupiah

from ..baca import DaftarGalat, Galat
from .bagi import bagi_sebanding
from .nilai_sipd import dari_sen
from .siap_data import DataSiap


@dataclass
class OpdPratinjau:
    kode: str
    nama: str
    baris: int = 0
    siap_sebelum: Decimal = Decimal(0)
    sipd: Decimal = Decimal(0)
    siap_sesudah: Decimal = Decimal(0)

    @property
    def selisih(self) -> Decimal:
        return self.sipd - self.siap_sebelum


@dataclass
class Kelompok:
    """The detail rows of one (OPD, sub kegiatan, jenis belanja): sums in sen, a few row
    numbers for the messages, and the cumulative per sumber dana when rows name one."""

    nomor: int
    contoh: list[int] = field(default_factory=list)
    n: int = 0
    r: int = 0
    p: int = 0
    tanpa_pagu: bool = False
    sd: dict[str, list[int]] = field(default_factory=dict)  # kode -> [sen, first row]
    tanpa_sd: int = 0  # first row without a sumber dana
    dengan_sd: int = 0  # first row with one

    def tambah(self, nomor: int, r: int, p: int | None, sd: str | None) -> None:
        if len(self.contoh) < 5:
            self.contoh.append(nomor)
        self.n += 1
        self.r += r
        if p is None:
            self.tanpa_pagu = True
        else:
            self.p += p
        if sd:
            self.sd.setdefault(sd, [0, nomor])[0] += r
            self.dengan_sd = self.dengan_sd or nomor
        else:
            self.tanpa_sd = self.tanpa_sd or nomor

    @property
    def baris(self) -> str:
        lain = self.n - len(self.contoh)
        return ", ".join(map(str, self.contoh)) + (f" dan {lain} baris lain" if lain > 0 else "")


@dataclass
class Pembagian:
    """One group's month split over its sumber dana, for the preview."""

    label: str
    jumlah: object
    bagian: list[tuple[str, object, object]]  # (sumber dana, sisa pagu, bagian)


def hitung(kelompok: dict[tuple, Kelompok], data: DataSiap, bulan: int, galat: DaftarGalat,
           hasil, nama_opd: dict[str, str]) -> list[tuple[int, int, int]]:
    """(rincian id, the month's amount, SIPD's cumulative) in sen for every line of every group
    in the file; errors go to ``galat``. Fills ``hasil.opd`` and ``hasil.pembagian``."""
    s = hasil.susunan
    k_real, k_pagu, k_sd = (s.nama_kolom("realisasi"), s.nama_kolom("pagu"),
                            s.nama_kolom("sumber_dana"))
    batas = f"s.d. {tanggal_panjang(hasil.tanggal)}"
    lalu = f"s.d. akhir {nama_bulan(bulan - 1)}" if bulan > 1 else "sebelumnya"
    tulis: list[tuple[int, int, int]] = []
    per_opd: dict[str, OpdPratinjau] = {}
    for rid, opd in data.opd_rincian.items():
        o = per_opd.get(opd) or per_opd.setdefault(opd, OpdPratinjau(opd, nama_opd.get(opd, opd)))
        o.siap_sebelum += dari_sen(data.kumulatif(rid, bulan))
    for (opd, sub, jb), k in sorted(kelompok.items()):
        garis = data.grup[(opd, sub, jb)]
        label = f"{opd} · {sub} · {jb} ({nama_opd.get(opd, opd)})"
        pagu = [data.pagu.get(rid, 0) for rid, _ in garis]
        lalu_sen = [data.kumulatif(rid, bulan - 1) for rid, _ in garis]
        g0 = len(galat)
        if "pagu" in s.posisi and not k.tanpa_pagu and k.p != sum(pagu):
            galat.append(Galat(k.nomor, k_pagu, f"{dari_sen(k.p):f}", (
                f"pagu SIPD {rupiah(dari_sen(k.p))} (baris {k.baris}) tidak sama dengan pagu "
                f"SIAP {rupiah(dari_sen(sum(pagu)))} ({data.versi.nama}) untuk {label}")))
        if k.tanpa_sd and k.dengan_sd:
            galat.append(Galat(k.tanpa_sd, k_sd, "", (
                f"baris {k.dengan_sd} menyebut sumber dana untuk {label}; isi sumber dana di "
                f"semua baris rincian ini atau kosongkan semuanya")))
        if k.sd:
            kum = [k.sd.get(sd, [0])[0] for _, sd in garis]
            nomor = [k.sd.get(sd, [0, k.nomor])[1] for _, sd in garis]
            nama = [f"{label} sumber dana {sd}" for _, sd in garis]
        elif k.r < sum(lalu_sen):
            kum, nomor, nama = None, [k.nomor], [label]
            galat.append(Galat(k.nomor, k_real, f"{dari_sen(k.r):f}", (
                f"realisasi kumulatif SIPD {batas} {rupiah(dari_sen(k.r))} (baris {k.baris}) "
                f"lebih kecil dari realisasi SIAP {lalu} {rupiah(dari_sen(sum(lalu_sen)))} untuk "
                f"{label}: realisasi kumulatif tidak boleh turun")))
        else:
            sisa = [max(p - x, 0) for p, x in zip(pagu, lalu_sen, strict=True)]
            bagian = bagi_sebanding(k.r - sum(lalu_sen), sisa)
            kum = [x + b for x, b in zip(lalu_sen, bagian, strict=True)]
            nomor, nama = [k.nomor] * len(garis), [label] * len(garis)
            if len(garis) > 1:
                hasil.pembagian.append(Pembagian(label, dari_sen(sum(bagian)), [
                    (sd, dari_sen(si), dari_sen(b))
                    for (_, sd), si, b in zip(garis, sisa, bagian, strict=True)]))
        for i, (rid, _) in enumerate(garis):
            if kum is None or len(galat) > g0:
                break
            if kum[i] < lalu_sen[i]:
                galat.append(Galat(nomor[i], k_real, f"{dari_sen(kum[i]):f}", (
                    f"realisasi kumulatif SIPD {batas} {rupiah(dari_sen(kum[i]))} lebih kecil dari "
                    f"realisasi SIAP {lalu} {rupiah(dari_sen(lalu_sen[i]))} untuk {nama[i]}: "
                    f"realisasi kumulatif tidak boleh turun")))
            elif kum[i] > pagu[i]:
                galat.append(Galat(nomor[i], k_real, f"{dari_sen(kum[i]):f}", (
                    f"realisasi kumulatif {batas} {rupiah(dari_sen(kum[i]))} melebihi pagu "
                    f"{rupiah(dari_sen(pagu[i]))} ({data.versi.nama}) untuk {nama[i]}")))
            else:
                tulis.append((rid, kum[i] - lalu_sen[i], kum[i]))
        o = per_opd[opd]
        o.baris += k.n
        o.sipd += dari_sen(k.r)
    _periksa_kemudian(tulis, data, bulan, galat, kelompok, k_real)
    baru = {rid: kum for rid, _, kum in tulis}
    for rid, kum in baru.items():
        o = per_opd[data.opd_rincian[rid]]
        o.siap_sesudah += dari_sen(kum - data.kumulatif(rid, bulan))
    hadir = {opd for opd, _, _ in kelompok}
    hasil.opd = [o for kode, o in sorted(per_opd.items()) if kode in hadir]
    for o in hasil.opd:
        o.siap_sesudah += o.siap_sebelum
    hasil.total = sum((o.sipd for o in hasil.opd), dari_sen(0))
    hasil.total_sebelum = sum((o.siap_sebelum for o in hasil.opd), dari_sen(0))
    hasil.total_sesudah = sum((o.siap_sesudah for o in hasil.opd), dari_sen(0))
    return tulis


def _periksa_kemudian(tulis, data: DataSiap, bulan: int, galat: DaftarGalat, kelompok,
                      kolom: str) -> None:
    """Months after the cut-off already in SIAP stay; the new cumulative plus them must stay
    within the pagu of the version in force in each of those months."""
    nanti = [(rid, kum) for rid, _, kum in tulis
             if data.kumulatif(rid, 12) != data.kumulatif(rid, bulan)]
    if not nanti or bulan == 12:
        return
    pagu = data.pagu_kemudian([rid for rid, _ in nanti], bulan)
    kunci = {rid: k for k, garis in data.grup.items() for rid, _ in garis}
    for rid, kum in nanti:
        for m in range(bulan + 1, 13):
            nama_versi, p = pagu[m]
            nilai = kum + data.kumulatif(rid, m) - data.kumulatif(rid, bulan)
            if nilai > p.get(rid, 0):
                k = kunci[rid]
                galat.append(Galat(kelompok[k].nomor, kolom, f"{dari_sen(kum):f}", (
                    f"dengan realisasi bulan {nama_bulan(m)} yang sudah tercatat, realisasi "
                    f"kumulatif s.d. {nama_bulan(m)} menjadi {rupiah(dari_sen(nilai))}, melebihi "
                    f"pagu {rupiah(dari_sen(p.get(rid, 0)))} ({nama_versi or 'tanpa versi'}) "
                    f"untuk {' · '.join(k)}")))
                break
