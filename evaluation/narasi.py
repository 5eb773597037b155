"""The sentences of the Rakor POP, in the words the leaders use (see ``seeds/``).

Plain functions over plain figures: no database, no request. Every number goes through
``lib.rupiah`` so the sentence says exactly what the tables say.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from lib.periode import tanggal_panjang
from lib.rupiah import format_angka, persen, rupiah


def kalimat_utama(
    batas: datetime.date,
    *,
    pagu: Decimal,
    target_anggaran_kas: Decimal,
    realisasi: Decimal,
    persen_realisasi: Decimal | None,
    persen_target: Decimal | None,
    capaian_anggaran_kas: Decimal | None,
) -> str:
    """The headline of the Rakor: realisasi against the pagu, then against the anggaran kas,
    e.g. "Realisasi s.d. 30 November 2025 mencapai Rp 839.535.848.290,34 (76,73%) dari target
    96,95% dengan pagu APBD Rp 1.094.182.195.169,02. Berdasarkan anggaran kas, capaian
    penyerapan anggaran mencapai Rp 839.535.848.290,34 (79,14%) dari target
    Rp 1.060.834.720.613,25 (100%)."

    Where a percentage cannot be computed (no pagu, or no anggaran kas yet) the sentence says
    so instead of printing "–"."""
    tanggal = tanggal_panjang(batas)
    if persen_realisasi is None or persen_target is None:
        return f"Belum ada pagu APBD yang berlaku s.d. {tanggal}."
    pertama = (
        f"Realisasi s.d. {tanggal} mencapai {rupiah(realisasi)} ({persen(persen_realisasi)}) "
        f"dari target {persen(persen_target)} dengan pagu APBD {rupiah(pagu)}."
    )
    if capaian_anggaran_kas is None:
        kedua = f"Anggaran kas s.d. {tanggal} belum menargetkan penyerapan."
    else:
        # "(100%)" is the seeds' wording for "the whole of the target", not a computed figure.
        kedua = (
            f"Berdasarkan anggaran kas, capaian penyerapan anggaran mencapai {rupiah(realisasi)} "
            f"({persen(capaian_anggaran_kas)}) dari target {rupiah(target_anggaran_kas)} (100%)."
        )
    return f"{pertama} {kedua}"


def _bilangan(n: int) -> str:
    """1240 -> "1.240"."""
    return format_angka(Decimal(n), 0)


def _daftar(bagian: list[str]) -> str:
    """"a", "a dan b", "a, b dan c" — Indonesian enumeration."""
    if len(bagian) <= 1:
        return "".join(bagian)
    return ", ".join(bagian[:-1]) + " dan " + bagian[-1]


def bahan_rakor(
    batas: datetime.date,
    *,
    total,
    dak_fisik=None,
    terbaik: list[tuple[str, object]] = (),
    terburuk: list[tuple[str, object]] = (),
    sebaran: dict | None = None,
    permasalahan: list[tuple[str, int]] = (),
    jumlah_permasalahan: int = 0,
) -> list[str]:
    """The paragraphs the Sekda reads out at the Rakor POP, in the seeds' register.

    ``total`` and ``dak_fisik`` are ``figures.Angka``; ``terbaik``/``terburuk`` are
    (nama OPD, Angka) best first / worst first; ``sebaran`` is ``figures.sebaran``'s counts;
    ``permasalahan`` is (kategori label, count of open obstacles), most first."""
    from lib.figures import KelasSebaran, hitung_porsi  # figures imports nothing from here; keep it one-way

    t = total
    paragraf = [kalimat_utama(
        batas, pagu=t.pagu, target_anggaran_kas=t.target_anggaran_kas,
        realisasi=t.realisasi, persen_realisasi=t.persen_realisasi,
        persen_target=t.persen_target, capaian_anggaran_kas=t.capaian_anggaran_kas,
    )]
    if t.capaian_anggaran_kas is not None:
        kat = t.kategori.label if t.kategori else ""
        if t.capaian_anggaran_kas >= 100:
            paragraf.append(
                f"Capaian penyerapan terhadap anggaran kas sebesar "
                f"{persen(t.capaian_anggaran_kas)} (kategori {kat}): penyerapan anggaran "
                f"perangkat daerah telah memenuhi target anggaran kas."
            )
        else:
            # The official scale may call it "Tinggi" while it is still behind the plan:
            # say both, so the sentence does not contradict itself.
            paragraf.append(
                f"Capaian penyerapan terhadap anggaran kas sebesar "
                f"{persen(t.capaian_anggaran_kas)} termasuk kategori {kat} menurut skala "
                f"Permendagri 86/2017, namun penyerapan anggaran perangkat daerah masih di "
                f"bawah target anggaran kas: selisih {rupiah(t.deviasi_rp)} "
                f"({format_angka(t.deviasi)} poin persen dari pagu) belum terealisasi."
            )
    if dak_fisik is not None and dak_fisik.pagu:
        d = dak_fisik
        kalimat = (
            f"Realisasi DAK Fisik baru mencapai {rupiah(d.realisasi)} "
            f"({persen(d.persen_realisasi)}) dari pagu {rupiah(d.pagu)}"
        )
        if d.capaian_anggaran_kas is not None:
            kalimat += (
                f", atau {persen(d.capaian_anggaran_kas)} dari target anggaran kas "
                f"{rupiah(d.target_anggaran_kas)} (kategori {d.kategori.label})"
            )
        paragraf.append(kalimat + ".")
    if terbaik:
        bagian = [f"{nama} ({persen(a.capaian_anggaran_kas)})" for nama, a in terbaik]
        kalimat = f"Capaian anggaran kas tertinggi dicapai oleh {_daftar(bagian)}."
        if terburuk:
            bagian = [f"{nama} ({persen(a.capaian_anggaran_kas)})" for nama, a in terburuk]
            kalimat += f" Capaian terendah ada pada {_daftar(bagian)}."
        paragraf.append(kalimat)
    if sebaran:
        jumlah = sum(sebaran.values())
        nol = sebaran.get(KelasSebaran.NOL, 0)
        if jumlah:
            if nol:
                porsi = persen(hitung_porsi(nol, jumlah))
                paragraf.append(
                    f"Dari {_bilangan(jumlah)} sub kegiatan berpagu, {_bilangan(nol)} sub "
                    f"kegiatan ({porsi}) belum "
                    f"ada realisasi keuangan sama sekali (0%)."
                )
            else:
                paragraf.append(f"Seluruh {_bilangan(jumlah)} sub kegiatan berpagu telah ada "
                                f"realisasinya.")
    if jumlah_permasalahan:
        teratas = [f"{label.lower()} ({n})" for label, n in list(permasalahan)[:3]]
        paragraf.append(
            f"Masih terdapat {_bilangan(jumlah_permasalahan)} permasalahan yang belum selesai, terbanyak "
            f"pada kategori {_daftar(teratas)}."
        )
    tugas = ["mengendalikan seluruh kegiatan di lingkup kerjanya",
             "mempercepat proses administrasi pengadaan barang/jasa"]
    if dak_fisik is not None and dak_fisik.pagu:
        tugas.append("mempercepat realisasi DAK Fisik")
    if jumlah_permasalahan:
        tugas.append("menuntaskan permasalahan yang masih terbuka beserta tindak lanjutnya")
    tugas.append("menyampaikan laporan realisasi setiap bulan melalui SIAP tepat waktu dan "
                 "dengan data yang valid")
    paragraf.append(
        f"Kepala Perangkat Daerah agar {_daftar(tugas)}, sehingga target kinerja yang telah "
        f"ditetapkan dapat tercapai dan masyarakat dapat segera menikmati hasil pembangunan."
    )
    return paragraf
