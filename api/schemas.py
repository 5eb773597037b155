"""Shapes of the API's requests and answers.

Money and percentages are decimal strings with a dot and two places (``"839535848290.34"``),
never JSON numbers: a float cannot hold every sen."""

from __future__ import annotations

from ninja import Field, Schema
from pydantic import create_model

from lib.figures import Kategori
from lib.kolom import KATEGORI, KOLOM_ANGKA

UANG = "Uang (rupiah) sebagai string desimal dengan titik dan dua angka di belakangnya."
PERSEN = "Persen sebagai string desimal dengan titik dan dua angka di belakangnya."
POIN = "Poin persen sebagai string desimal dengan titik dan dua angka di belakangnya."
_MENURUT_FORMAT = {"rp": UANG, "persen": PERSEN, "poin": POIN}


class Galat(Schema):
    detail: str


def _bidang_angka() -> dict:
    """The figure fields, from the one column specification (``lib.kolom``): its keys are the
    field names, in its order; money is never null, a percentage or points may be (a zero
    denominator: "tidak dapat dihitung")."""
    bidang = {
        k.kunci: (str if k.format == "rp" else str | None,
                  Field(description=f"{k.label}: {k.definisi}. {_MENURUT_FORMAT[k.format]}"))
        for k in KOLOM_ANGKA
    }
    bidang[KATEGORI.kunci] = (str | None, Field(description=(
        "Kategori capaian anggaran kas (Permendagri 86/2017): "
        + ", ".join(k.label for k in Kategori) + "; null bila tidak dapat dihitung.")))
    return bidang


# Every figure of the Rakor for one group (lib.figures.Angka).
AngkaRekap = create_model("AngkaRekap", __base__=Schema, **_bidang_angka())


STATUS_LAPORAN = ("Laporan OPD untuk bulan itu: \"diverifikasi\"; \"diajukan\" (belum diverifikasi); "
                  "\"dikembalikan\" (pengajuan sebelumnya tetap dihitung); \"draf\" (belum pernah "
                  "diajukan: tidak dihitung); \"belum_lapor\".")


class RekapOPD(AngkaRekap):
    kode: str
    nama: str
    peringkat: int | None
    status_laporan: str = Field(description=STATUS_LAPORAN)


class CakupanLaporan(Schema):
    opd: int = Field(description="Banyaknya OPD yang beranggaran pada tahun itu.")
    diverifikasi: int
    diajukan: int = Field(description="Diajukan, belum diverifikasi.")
    dikembalikan: int
    draf: int = Field(description="Laporan dibuka tetapi belum pernah diajukan.")
    belum_lapor: int
    terlambat: int = Field(description="OPD yang pertama kali mengajukan setelah batas lapor.")
    batas_lapor: str = Field(description="Batas lapor bulan itu (ISO 8601).")
    masa_lapor_berjalan: bool = Field(description="Batas lapor belum lewat: angka belum lengkap.")


class Rekap(AngkaRekap):
    tahun: int
    bulan: int
    versi: str | None
    laporan: CakupanLaporan = Field(description="Cakupan angka: angka hanya memuat laporan yang "
                                                "sudah diajukan dan data impor, tidak pernah draf.")
    opd: list[RekapOPD]


class OPD(Schema):
    kode: str
    nama: str
    singkatan: str
    jenis: str
    induk: str | None = Field(description="Kode OPD induk (UPTD/puskesmas).")
    aktif: bool


class Rincian(Schema):
    rincian_id: int
    sub_kegiatan: str = Field(description="Kode sub kegiatan.")
    sub_kegiatan_nama: str
    sumber_dana: str
    jenis_belanja: str
    pagu: str = Field(description=UANG)
    anggaran_kas: list[str] = Field(description="Anggaran kas Januari–Desember. " + UANG)


class HalamanRincian(Schema):
    tahun: int
    versi: str | None = Field(description="Versi anggaran yang berlaku pada tanggal acuan.")
    jumlah: int = Field(description="Banyaknya rincian seluruhnya.")
    limit: int
    offset: int
    items: list[Rincian]


class RealisasiBaris(Schema):
    rincian_id: int
    sub_kegiatan: str
    sumber_dana: str
    jenis_belanja: str
    pagu: str = Field(description=UANG)
    anggaran_kas_kumulatif: str = Field(description=UANG)
    realisasi: str | None = Field(description="Realisasi bulan ini: isian draf operator bila ada, "
                                              "selain itu data resmi (null: belum diisi). Kirim "
                                              "kembali sebagai `semula` saat menyimpan. " + UANG)
    realisasi_kumulatif: str = Field(description=UANG)
    draf: bool = Field(description="Nilai bulan ini adalah draf yang belum diajukan: belum "
                                   "dihitung dalam rekap.")


class FisikSub(Schema):
    sub_kegiatan_id: int
    sub_kegiatan: str
    nama: str
    fisik: str | None = Field(description="Realisasi fisik kumulatif bulan ini (draf bila ada). "
                                          + PERSEN)
    target_fisik: str | None = Field(description=PERSEN)
    draf: bool


class LaporanRealisasi(Schema):
    tahun: int
    bulan: int
    opd: str
    status: str
    revisi: int = Field(description="Kirim kembali nilai ini saat menyimpan (penguncian optimistis).")
    jumlah: int = Field(description="Banyaknya baris realisasi seluruhnya.")
    limit: int
    offset: int
    baris: list[RealisasiBaris]
    fisik: list[FisikSub]


SEMULA = ("Nilai yang dibaca klien sebelum diubah (`realisasi`/`fisik` dari GET …/realisasi; null: "
          "kosong). Dengan `semula`, penyimpanan digabung per isian: isian yang tidak diubah klien "
          "tidak pernah ditulis, dan isian yang juga diubah orang lain sejak dibaca menjadi konflik "
          "(409) alih-alih ditimpa. Tanpa `semula`, `revisi` yang usang membuat setiap isian yang "
          "berbeda menjadi konflik.")


class IsianRealisasi(Schema):
    rincian_id: int
    jumlah: str | None = Field(description="Realisasi bulan ini, mis. \"1250000.50\" (titik desimal, "
                                           "tanpa pemisah ribuan); \"0\" bila tidak ada realisasi; "
                                           "null atau \"\": belum diisi.", max_length=40)
    semula: str | None = Field(default=None, description=SEMULA, max_length=40)


class IsianFisik(Schema):
    sub_kegiatan_id: int
    persen: str | None = Field(description="Realisasi fisik kumulatif, mis. \"45.50\"; null: belum "
                                           "diisi.", max_length=40)
    semula: str | None = Field(default=None, description=SEMULA, max_length=40)


class IsianLaporanAPI(Schema):
    revisi: int = Field(ge=0, description="Revisi laporan yang terakhir dibaca.")
    realisasi: list[IsianRealisasi] = []
    fisik: list[IsianFisik] = []
    penjelasan: dict[str, str] = Field(
        default={}, description="Penjelasan peringatan per kode, mis. {\"lebih_ak:12\": \"...\"}."
    )
    ajukan: bool = Field(default=False, description="Sekaligus ajukan untuk diverifikasi. Tanpa "
                                                    "`ajukan`, isian tersimpan sebagai draf yang "
                                                    "belum dihitung dalam rekap.")


class PesanAPI(Schema):
    tingkat: str
    kode: str
    pesan: str
    rincian_id: int | None
    sub_kegiatan_id: int | None


class HasilSimpan(Schema):
    status: str
    revisi: int
    peringatan: list[PesanAPI]


class Ditolak(Schema):
    detail: str
    galat: list[PesanAPI]


class IsianBentrok(Schema):
    jenis: str = Field(description="\"realisasi\" (per rincian) atau \"fisik\" (per sub kegiatan).")
    id: int = Field(description="rincian_id atau sub_kegiatan_id.")
    label: str
    anda: str | None = Field(description="Nilai yang dikirim.")
    tersimpan: str | None = Field(description="Nilai yang tersimpan sekarang.")
    diubah_oleh: str | None = Field(description="Nama pengguna yang terakhir mengubahnya.")
    diubah_pada: str | None = Field(description="Waktu perubahan itu (ISO 8601).")


class Konflik(Schema):
    detail: str
    revisi: int = Field(description="Revisi laporan saat ini.")
    konflik: list[IsianBentrok] = Field(default=[], description="Isian yang juga diubah orang "
                                                                "lain; tidak ada yang disimpan.")
