"""The words of the kinerja demo: indicators as Kepmendagri 050-5889/2021 phrases them (by
the kind of sub kegiatan, read from its name), the program outcomes the leaders ask about,
the faktor pendorong / penghambat OPD write in their E.81, and the pemda's outcome
indicators with the seed's 1.058 balita stunting (TW II 2023). Numbers other than the seed's
are synthetic."""

from __future__ import annotations

import re
from dataclasses import dataclass

# How an indicator's year target is spread over the quarters: fisik works finish late.
SEBARAN_TW = {
    "rata": (1, 1, 1, 1),
    "fisik": (0, 2, 4, 4),
    "kumulatif": (1, 2, 3, 4),  # a level reached, for an indicator read at its last quarter
}


@dataclass(frozen=True)
class Pola:
    kata: str  # regex on the lower-cased sub kegiatan name
    uraian: str  # {nama}: the sub kegiatan's name, lower-cased after its first word
    satuan: str
    target: tuple[int, int]  # range of the year's target
    sebaran: str = "rata"
    akumulasi: str = "jumlah"


POLA_SUB = (
    Pola(r"gaji dan tunjangan", "Jumlah bulan gaji dan tunjangan yang dibayarkan", "bulan",
         (12, 12)),
    Pola(r"jalan|trotoar", "Panjang jalan yang ditangani", "km", (2, 24), "fisik"),
    Pola(r"jembatan", "Jumlah jembatan yang dibangun", "unit", (1, 4), "fisik"),
    Pola(r"irigasi", "Panjang jaringan irigasi yang ditangani", "m", (400, 4500), "fisik"),
    Pola(r"spam|air minum", "Jumlah sambungan rumah air minum yang terpasang", "SR",
         (120, 800), "fisik"),
    Pola(r"air limbah|sampah|sanitasi", "Jumlah prasarana sanitasi yang terbangun", "unit",
         (2, 12), "fisik"),
    Pola(r"ruang kelas|laboratorium|sarana, prasarana dan utilitas sekolah",
         "Jumlah ruang/sarana sekolah yang dibangun atau direhabilitasi", "ruang", (4, 30),
         "fisik"),
    Pola(r"puskesmas|rumah sakit", "Jumlah fasilitas kesehatan yang dibangun atau "
                                   "direhabilitasi", "unit", (1, 5), "fisik"),
    Pola(r"tidak layak huni|rumah bagi korban", "Jumlah rumah yang diperbaiki", "unit",
         (20, 150), "fisik"),
    Pola(r"gedung|kantor dan bangunan|bangunan", "Jumlah bangunan yang dibangun atau "
                                                 "dipelihara", "unit", (1, 8), "fisik"),
    Pola(r"^pengadaan|mebel|perlengkapan|peralatan|alat kesehatan",
         "Jumlah paket pengadaan yang terealisasi", "paket", (2, 14), "fisik"),
    Pola(r"dana bos|bop ", "Jumlah satuan pendidikan penerima dana operasional", "sekolah",
         (40, 220), "kumulatif", "terakhir"),
    Pola(r"pelayanan kesehatan (ibu|bayi|balita|orang|usia)",
         "Persentase sasaran yang mendapat pelayanan kesehatan sesuai standar", "%", (100, 100),
         "kumulatif", "terakhir"),
    Pola(r"gizi|stunting|permakanan|pangan",
         "Jumlah balita dan keluarga berisiko stunting yang mendapat intervensi", "orang",
         (150, 650)),
    Pola(r"jaminan kesehatan", "Jumlah penduduk miskin yang iuran JKN-nya dibayar pemda",
         "jiwa", (18000, 36000), "kumulatif", "terakhir"),
    Pola(r"pekon|desa", "Jumlah pekon yang difasilitasi", "pekon", (131, 131), "kumulatif",
         "terakhir"),
    Pola(r"tidak terduga|darurat|bencana", "Persentase kejadian darurat yang tertangani", "%",
         (100, 100), "kumulatif", "terakhir"),
    Pola(r"pelatihan|kompetensi|bimbingan teknis|peningkatan kapasitas|diklat",
         "Jumlah peserta yang ditingkatkan kapasitasnya", "orang", (20, 240)),
    Pola(r"penyusunan|dokumen|perencanaan|laporan|evaluasi|kajian|pengkajian",
         "Jumlah dokumen yang tersusun", "dokumen", (2, 8)),
    Pola(r"koordinasi|fasilitasi|sosialisasi|pembinaan|penyelenggaraan|rapat|musyawarah",
         "Jumlah kegiatan yang terlaksana", "kegiatan", (4, 24)),
    Pola(r"obat|vaksin|bahan", "Jumlah paket obat dan bahan medis yang tersedia", "paket",
         (4, 16)),
    Pola(r"penyediaan|pemeliharaan|pengelolaan|administrasi",
         "Jumlah laporan pelaksanaan yang tersedia", "laporan", (12, 12)),
)
BAWAAN = Pola(r"", "Jumlah laporan pelaksanaan sub kegiatan", "laporan", (4, 4))

# Program outcomes by program code (the rest: a generic outcome of the program).
PROGRAM = {
    "1.02.02": ("Prevalensi balita stunting", "%", "turun", (14, 14)),
    "1.03.10": ("Persentase panjang jalan kabupaten dalam kondisi mantap", "%", "naik", (72, 78)),
    "1.03.03": ("Persentase rumah tangga dengan akses air minum layak", "%", "naik", (82, 90)),
    "1.01.02": ("Angka partisipasi murni SD/MI", "%", "naik", (97, 99)),
    "1.03.02": ("Persentase daerah irigasi dalam kondisi baik", "%", "naik", (60, 70)),
}

PENDORONG = (
    "Komitmen pimpinan perangkat daerah dan rapat evaluasi mingguan bersama PPTK.",
    "Proses pengadaan dimulai lebih awal melalui katalog elektronik.",
    "Data sasaran dari puskesmas, sekolah dan pekon tersedia tepat waktu.",
    "Pendampingan teknis Bappeda dan Bagian Administrasi Pembangunan dalam pelaporan SIAP.",
    "Partisipasi aktif masyarakat dan pemerintah pekon dalam pelaksanaan kegiatan.",
)
PENGHAMBAT = (
    "Petunjuk teknis DAK Fisik terlambat terbit sehingga kontrak baru ditandatangani pada "
    "triwulan II.",
    "Curah hujan tinggi dan longsor di beberapa ruas menghambat pekerjaan fisik.",
    "Keterbatasan pejabat pengadaan bersertifikat; beberapa paket menunggu tender ulang.",
    "Penyedia terlambat memobilisasi peralatan sehingga progres fisik tertinggal.",
    "Verifikasi SPJ dan dokumen pencairan memerlukan waktu lebih lama dari jadwal.",
)
TINDAK_TW = (
    "Mempercepat penyelesaian paket pekerjaan fisik dengan pemantauan progres mingguan.",
    "Menyelesaikan tender ulang dan menandatangani kontrak sisa paket pada awal triwulan.",
    "Melengkapi SPJ setiap akhir bulan agar SP2D tidak menumpuk pada akhir tahun.",
    "Mengoptimalkan penyerapan anggaran sesuai anggaran kas yang telah disusun.",
)
TINDAK_RENJA = (
    "Menyusun jadwal pelaksanaan yang realistis dan memulai perencanaan teknis sejak akhir "
    "tahun sebelumnya.",
    "Menyesuaikan target indikator dengan kapasitas pelaksanaan dan ketersediaan dana transfer.",
    "Memprioritaskan sub kegiatan yang mendukung penurunan stunting dan kemiskinan ekstrem.",
)
PENJELASAN = (
    "Terdapat tambahan sasaran dari pergeseran anggaran; target triwulan akan disesuaikan "
    "pada perubahan Renja.",
    "Pelaksanaan dipercepat karena kebutuhan mendesak di lapangan; realisasi triwulan "
    "berikutnya akan lebih rendah.",
    "Sasaran bertambah karena pemutakhiran data by name by address dari pekon.",
)

# (name, unit, direction, source, the sub kegiatan it is served by: regex on their names)
PEMDA = (
    ("Jumlah balita stunting", "balita", "turun", "e-PPGBM, bulan penimbangan",
     r"stunting|gizi|balita|ibu hamil|bayi baru lahir|air minum|spam|air limbah"),
    ("Persentase penduduk miskin", "%", "turun", "BPS, keadaan Maret (data demo)",
     r"fakir miskin|jaminan kesehatan|tidak layak huni|kemiskinan|permakanan"),
    ("Persentase penduduk miskin ekstrem", "%", "turun", "BPS/P3KE (data demo)",
     r"kemiskinan|fakir miskin|tidak layak huni|air minum"),
    ("Indeks Pembangunan Manusia (IPM)", "poin", "naik", "BPS (data demo)",
     r"dana bos|ruang kelas|puskesmas|pelayanan kesehatan"),
)
STUNTING_2023 = (1136, 1058, 1012)  # February, June (the seed: "1.058 balita"), August 2023


def pola_sub(nama: str) -> Pola:
    n = nama.lower()
    return next((p for p in POLA_SUB if re.search(p.kata, n)), BAWAAN)


def kalimat(teks: str) -> str:
    """A name as it reads inside a sentence: "PROGRAM PENGELOLAAN …" -> "program pengelolaan …",
    "Pembangunan Jalan" -> "pembangunan jalan"."""
    return teks[:1].lower() + teks[1:].lower() if teks.isupper() else teks[:1].lower() + teks[1:]
