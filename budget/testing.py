"""Small builders of budget data for tests (not used by the application itself)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from .models import (
    BULAN_AK,
    BidangUrusan,
    JenisBelanja,
    JenisOPD,
    JenisVersi,
    Kegiatan,
    KelompokBelanja,
    PaguAnggaran,
    PerangkatDaerah,
    Program,
    RealisasiFisik,
    RealisasiKeuangan,
    RincianAnggaran,
    SubKegiatan,
    SumberDana,
    TahunAnggaran,
    TargetFisik,
    Urusan,
    VersiAnggaran,
)


def D(value) -> Decimal:  # noqa: N802
    return Decimal(str(value))


def tahun(t: int = 2025) -> TahunAnggaran:
    return TahunAnggaran.objects.get_or_create(tahun=t)[0]


def versi(t: int = 2025, jenis: str = JenisVersi.MURNI, berlaku: datetime.date | None = None,
          nama: str | None = None) -> VersiAnggaran:
    berlaku = berlaku or datetime.date(t, 1, 1)
    return VersiAnggaran.objects.get_or_create(
        tahun=tahun(t), berlaku_mulai=berlaku,
        defaults={"jenis": jenis, "nama": nama or f"{JenisVersi(jenis).label} {t} {berlaku}"},
    )[0]


def opd(kode: str = "1.02.0.00.0.00.01.0000", nama: str = "Dinas Kesehatan",
        jenis: str = JenisOPD.DINAS) -> PerangkatDaerah:
    return PerangkatDaerah.objects.get_or_create(kode=kode, defaults={"nama": nama, "jenis": jenis})[0]


def sub_kegiatan(kode: str = "1.02.02.2.01.0001", nama: str | None = None) -> SubKegiatan:
    """Creates the whole nomenclature chain above the code as needed."""
    p = kode.split(".")
    urusan = Urusan.objects.get_or_create(kode=p[0], defaults={"nama": f"Urusan {p[0]}"})[0]
    bidang = BidangUrusan.objects.get_or_create(
        kode=".".join(p[:2]), defaults={"nama": f"Bidang {'.'.join(p[:2])}", "urusan": urusan}
    )[0]
    program = Program.objects.get_or_create(
        kode=".".join(p[:3]), defaults={"nama": f"Program {'.'.join(p[:3])}", "bidang": bidang}
    )[0]
    kegiatan = Kegiatan.objects.get_or_create(
        kode=".".join(p[:5]),
        defaults={"nama": f"Kegiatan {'.'.join(p[:5])}", "program": program},
    )[0]
    return SubKegiatan.objects.get_or_create(
        kode=kode, defaults={"nama": nama or f"Sub Kegiatan {kode}", "kegiatan": kegiatan}
    )[0]


def sumber_dana(kode: str = "DAU", nama: str | None = None) -> SumberDana:
    return SumberDana.objects.get_or_create(kode=kode, defaults={"nama": nama or kode})[0]


def jenis_belanja(kode: str = "5.1.02", nama: str = "Belanja Barang dan Jasa",
                  kelompok: str = KelompokBelanja.OPERASI) -> JenisBelanja:
    return JenisBelanja.objects.get_or_create(
        kode=kode, defaults={"nama": nama, "kelompok": kelompok}
    )[0]


def ak_rata(pagu: Decimal) -> list[Decimal]:
    """Twelve equal monthly amounts (the last takes the remainder) summing to ``pagu``."""
    bagian = (pagu / 12).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    return [bagian] * 11 + [pagu - bagian * 11]


def rincian(
    *,
    o: PerangkatDaerah | None = None,
    sub: str = "1.02.02.2.01.0001",
    sd: str = "DAU",
    jb: str = "5.1.02",
    pagu=0,
    ak: Sequence | None = None,
    realisasi: dict[int, object] | None = None,
    v: VersiAnggaran | None = None,
) -> RincianAnggaran:
    """A budget line with its pagu and anggaran kas in version ``v`` (default: murni of 2025)
    and its monthly realisasi ``{bulan: jumlah}``."""
    v = v or versi()
    r = RincianAnggaran.objects.get_or_create(
        tahun=v.tahun, opd=o or opd(), sub_kegiatan=sub_kegiatan(sub),
        sumber_dana=sumber_dana(sd), jenis_belanja=jenis_belanja(jb),
    )[0]
    pagu = D(pagu)
    ak = [D(x) for x in ak] if ak is not None else ak_rata(pagu)
    PaguAnggaran.objects.update_or_create(
        versi=v, rincian=r, defaults={"pagu": pagu, **dict(zip(BULAN_AK, ak, strict=True))}
    )
    for bulan, jumlah in (realisasi or {}).items():
        RealisasiKeuangan.objects.update_or_create(
            rincian=r, bulan=bulan, defaults={"jumlah": D(jumlah)}
        )
    return r


def fisik(o: PerangkatDaerah, sub: str, bulan: int, realisasi=None, target=None,
          t: int = 2025) -> None:
    s = sub_kegiatan(sub)
    if realisasi is not None:
        RealisasiFisik.objects.update_or_create(
            tahun=tahun(t), opd=o, sub_kegiatan=s, bulan=bulan, defaults={"persen": D(realisasi)}
        )
    if target is not None:
        TargetFisik.objects.update_or_create(
            tahun=tahun(t), opd=o, sub_kegiatan=s, bulan=bulan, defaults={"persen": D(target)}
        )


def apbd_besar(kode_opd: str, kode_sub: str, n_sub: int = 850) -> list[tuple[str, str]]:
    """A large budget for size tests: ``n_sub`` sub kegiatan (``kode_sub`` and its siblings
    numbered up to ``n_sub``) × DAU/PAD of 5.1.02 for one OPD in 2025, each line with a pagu of
    12.000.000 (1.000.000 a month). Returns the (sub kegiatan, sumber dana) codes in order."""
    o = opd(kode_opd, "Dinas Kesehatan")
    v = versi(2025, nama="APBD Murni 2025")
    kegiatan = sub_kegiatan(kode_sub).kegiatan
    awalan = kode_sub.rsplit(".", 1)[0]
    SubKegiatan.objects.bulk_create([
        SubKegiatan(kode=f"{awalan}.{k:04d}", nama=f"Sub {k}", kegiatan=kegiatan)
        for k in range(2, n_sub + 1)])
    sd, jb = [sumber_dana("DAU"), sumber_dana("PAD")], jenis_belanja("5.1.02")
    RincianAnggaran.objects.bulk_create([
        RincianAnggaran(tahun=v.tahun, opd=o, sub_kegiatan=s, sumber_dana=d, jenis_belanja=jb)
        for s in SubKegiatan.objects.order_by("kode") for d in sd])
    PaguAnggaran.objects.bulk_create([
        PaguAnggaran(versi=v, rincian=r, pagu=12_000_000,
                     **{f"ak_{m:02d}": 1_000_000 for m in range(1, 13)})
        for r in RincianAnggaran.objects.all()])
    return list(RincianAnggaran.objects.order_by("sub_kegiatan__kode", "sumber_dana__kode")
                .values_list("sub_kegiatan__kode", "sumber_dana__kode"))
