"""Master data of the Lampung Barat demo: the pemda, its OPD, funding sources and accounts.

The OPD are the real perangkat daerah of Kabupaten Lampung Barat with SIPD-style codes
(``urusan.bidang`` of the main affair, then up to two more affairs, the unit number and the
sub-unit). Their sizes (``gaji``, ``program``) and their ``kinerja`` are synthetic: chosen so
the demo shows a realistic spread, not taken from any DPA. The UI says so through
``Pemda.data_sintetis``.
"""

from __future__ import annotations

from typing import NamedTuple

from budget.models import JenisOPD, KelompokBelanja

PEMDA = {
    "nama": "Kabupaten Lampung Barat",
    "provinsi": "Lampung",
    "ibu_kota": "Liwa",
    "data_sintetis": True,
}

# (kode, nama, urutan)
SUMBER_DANA = (
    ("PAD", "PAD", 1),
    ("DAU", "DAU", 2),
    ("DBH", "DBH", 3),
    ("DAK_FISIK", "DAK Fisik", 4),
    ("DAK_NONFISIK", "DAK Non Fisik", 5),
    ("DID", "DID/Insentif Fiskal", 6),
    ("SILPA", "SiLPA", 7),
    ("LAIN", "Lain-lain Pendapatan yang Sah", 8),
)

_OP, _MO = KelompokBelanja.OPERASI, KelompokBelanja.MODAL
# (kode rekening, nama, kelompok)
JENIS_BELANJA = (
    ("5.1.01", "Belanja Pegawai", _OP),
    ("5.1.02", "Belanja Barang dan Jasa", _OP),
    ("5.1.05", "Belanja Hibah", _OP),
    ("5.1.06", "Belanja Bantuan Sosial", _OP),
    ("5.2.01", "Belanja Modal Tanah", _MO),
    ("5.2.02", "Belanja Modal Peralatan dan Mesin", _MO),
    ("5.2.03", "Belanja Modal Gedung dan Bangunan", _MO),
    ("5.2.04", "Belanja Modal Jalan, Jaringan, dan Irigasi", _MO),
    ("5.2.05", "Belanja Modal Aset Tetap Lainnya", _MO),
    ("5.2.06", "Belanja Modal Aset Lainnya", _MO),
    ("5.3.01", "Belanja Tidak Terduga", KelompokBelanja.TIDAK_TERDUGA),
    ("5.4.01", "Belanja Bagi Hasil", KelompokBelanja.TRANSFER),
    ("5.4.02", "Belanja Bantuan Keuangan", KelompokBelanja.TRANSFER),
)

URUSAN = {
    "1": "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
    "2": "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR",
    "3": "URUSAN PEMERINTAHAN PILIHAN",
    "4": "UNSUR PENDUKUNG URUSAN PEMERINTAHAN",
    "5": "UNSUR PENUNJANG URUSAN PEMERINTAHAN",
    "6": "UNSUR PENGAWASAN URUSAN PEMERINTAHAN",
    "7": "UNSUR KEWILAYAHAN",
    "8": "UNSUR PEMERINTAHAN UMUM",
}

BIDANG_URUSAN = {
    "1.01": "PENDIDIKAN",
    "1.02": "KESEHATAN",
    "1.03": "PEKERJAAN UMUM DAN PENATAAN RUANG",
    "1.04": "PERUMAHAN DAN KAWASAN PERMUKIMAN",
    "1.05": "KETENTERAMAN DAN KETERTIBAN UMUM SERTA PERLINDUNGAN MASYARAKAT",
    "1.06": "SOSIAL",
    "2.07": "TENAGA KERJA",
    "2.08": "PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK",
    "2.09": "PANGAN",
    "2.10": "PERTANAHAN",
    "2.11": "LINGKUNGAN HIDUP",
    "2.12": "ADMINISTRASI KEPENDUDUKAN DAN PENCATATAN SIPIL",
    "2.13": "PEMBERDAYAAN MASYARAKAT DAN DESA",
    "2.14": "PENGENDALIAN PENDUDUK DAN KELUARGA BERENCANA",
    "2.15": "PERHUBUNGAN",
    "2.16": "KOMUNIKASI DAN INFORMATIKA",
    "2.17": "KOPERASI, USAHA KECIL, DAN MENENGAH",
    "2.18": "PENANAMAN MODAL",
    "2.19": "KEPEMUDAAN DAN OLAHRAGA",
    "2.20": "STATISTIK",
    "2.21": "PERSANDIAN",
    "2.22": "KEBUDAYAAN",
    "2.23": "PERPUSTAKAAN",
    "2.24": "KEARSIPAN",
    "3.25": "KELAUTAN DAN PERIKANAN",
    "3.26": "PARIWISATA",
    "3.27": "PERTANIAN",
    "3.30": "PERDAGANGAN",
    "3.31": "PERINDUSTRIAN",
    "3.32": "TRANSMIGRASI",
    "4.01": "SEKRETARIAT DAERAH",
    "4.02": "SEKRETARIAT DPRD",
    "5.01": "PERENCANAAN",
    "5.02": "KEUANGAN",
    "5.03": "KEPEGAWAIAN",
    "5.04": "PENDIDIKAN DAN PELATIHAN",
    "5.05": "PENELITIAN DAN PENGEMBANGAN",
    "6.01": "INSPEKTORAT DAERAH",
    "7.01": "KECAMATAN",
    "8.01": "KESATUAN BANGSA DAN POLITIK",
}

# How fast an OPD spends its non-salary lines against their anggaran kas, per mille, before
# noise. Relative only: a year's realisasi is then scaled to the seed's total, and no line
# goes above its pagu. Salaries are paid on time whatever the OPD.
KINERJA = {
    "cepat": 1300,
    "baik": 880,
    "sedang": 740,
    "lambat": 590,
    "sangat_lambat": 400,
}


class OPDDemo(NamedTuple):
    kode: str
    nama: str
    singkatan: str
    jenis: str
    gaji: int  # relative size of salaries, Rp juta
    program: int  # relative size of the programs, Rp juta
    kinerja: str
    program_kode: tuple[str, ...]  # nomenclature prefixes of the OPD's own programs
    induk: str | None = None
    tpg: bool = False  # teachers' professional allowance (DAK Non Fisik) in the salaries


_D, _B = JenisOPD.DINAS, JenisOPD.BADAN

OPD: tuple[OPDDemo, ...] = (
    OPDDemo("4.01.0.00.0.00.01.0000", "Sekretariat Daerah", "Setda", JenisOPD.SEKRETARIAT,
            25_000, 42_000, "baik", ("4.01.01.2.13", "4.01.01.2.14", "4.01.02", "4.01.03")),
    OPDDemo("4.02.0.00.0.00.01.0000", "Sekretariat DPRD", "Setwan", JenisOPD.SEKRETARIAT,
            7_000, 44_000, "cepat", ("4.02.02",)),
    OPDDemo("6.01.0.00.0.00.01.0000", "Inspektorat", "Inspektorat", JenisOPD.INSPEKTORAT,
            6_500, 7_000, "cepat", ("6.01.02", "6.01.03")),
    OPDDemo("1.01.2.22.0.00.01.0000", "Dinas Pendidikan dan Kebudayaan", "Disdikbud", _D,
            182_000, 96_000, "sedang", ("1.01.02", "1.01.03", "1.01.05", "2.22.02"), tpg=True),
    OPDDemo("1.02.0.00.0.00.01.0000", "Dinas Kesehatan", "Dinkes", _D,
            56_000, 84_000, "baik", ("1.02.02", "1.02.03", "1.02.04", "1.02.05")),
    OPDDemo("1.02.0.00.0.00.02.0000", "Rumah Sakit Umum Daerah Alimuddin Umar",
            "RSUD Alimuddin Umar", JenisOPD.RSUD, 27_000, 72_000, "baik",
            ("1.02.01.2.10", "1.02.02.2.01.0001", "1.02.02.2.01.0014")),
    OPDDemo("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR",
            _D, 9_000, 150_000, "lambat",
            ("1.03.02", "1.03.03", "1.03.05", "1.03.10", "1.03.11", "1.03.12")),
    OPDDemo("1.04.2.10.0.00.01.0000", "Dinas Perumahan dan Kawasan Permukiman", "Disperkim", _D,
            4_000, 26_000, "sangat_lambat", ("1.04.02", "1.04.03", "1.04.07", "2.10.03")),
    OPDDemo("1.05.0.00.0.00.01.0000", "Satuan Polisi Pamong Praja", "Satpol PP", _D,
            5_500, 4_500, "sedang", ("1.05.02", "1.05.04")),
    OPDDemo("1.05.0.00.0.00.02.0000", "Badan Penanggulangan Bencana Daerah", "BPBD", _B,
            3_000, 6_500, "sedang", ("1.05.03",)),
    OPDDemo("1.06.0.00.0.00.01.0000", "Dinas Sosial", "Dinsos", _D,
            3_000, 8_500, "baik", ("1.06.02", "1.06.04", "1.06.05", "1.06.06")),
    OPDDemo("2.07.3.32.0.00.01.0000", "Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans", _D,
            2_200, 3_200, "lambat", ("2.07.03", "2.07.04", "2.07.05", "3.32.03")),
    OPDDemo("2.14.2.08.0.00.01.0000",
            "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan "
            "Perlindungan Anak", "Dinas PPKB dan PPPA", _D, 6_000, 9_000, "sedang",
            ("2.14.03", "2.14.04", "2.08.02", "2.08.03")),
    OPDDemo("2.09.0.00.0.00.01.0000", "Dinas Ketahanan Pangan", "DKP", _D,
            3_000, 5_000, "sedang", ("2.09.02", "2.09.03", "2.09.04", "2.09.05")),
    OPDDemo("2.11.0.00.0.00.01.0000", "Dinas Lingkungan Hidup", "DLH", _D,
            4_200, 12_500, "sedang", ("2.11.02", "2.11.03", "2.11.11")),
    OPDDemo("2.12.0.00.0.00.01.0000", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil",
            _D, 3_100, 4_200, "cepat", ("2.12.02", "2.12.03", "2.12.04")),
    OPDDemo("2.13.0.00.0.00.01.0000", "Dinas Pemberdayaan Masyarakat dan Pekon", "DPMP", _D,
            3_000, 5_200, "sedang", ("2.13.02", "2.13.04", "2.13.05")),
    OPDDemo("2.15.0.00.0.00.01.0000", "Dinas Perhubungan", "Dishub", _D,
            3_300, 6_200, "sedang", ("2.15.02",)),
    OPDDemo("2.16.2.20.2.21.01.0000", "Dinas Komunikasi dan Informatika", "Diskominfo", _D,
            3_000, 8_200, "baik", ("2.16.02", "2.16.03", "2.20.02", "2.21.02")),
    OPDDemo("2.17.3.30.3.31.01.0000",
            "Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan Perdagangan",
            "Diskoperindag", _D, 3_200, 9_000, "lambat",
            ("2.17.05", "2.17.08", "3.30.03", "3.30.06", "3.31.02")),
    OPDDemo("2.18.0.00.0.00.01.0000", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "DPMPTSP", _D, 2_300, 3_100, "baik", ("2.18.02", "2.18.03", "2.18.04", "2.18.05")),
    OPDDemo("2.19.0.00.0.00.01.0000", "Dinas Kepemudaan dan Olahraga", "Dispora", _D,
            2_100, 6_300, "sedang", ("2.19.02", "2.19.03")),
    OPDDemo("2.23.2.24.0.00.01.0000", "Dinas Perpustakaan dan Kearsipan", "Dispusip", _D,
            2_000, 4_100, "cepat", ("2.23.02", "2.24.02")),
    OPDDemo("3.25.0.00.0.00.01.0000", "Dinas Perikanan", "Diskan", _D,
            2_200, 5_100, "lambat", ("3.25.03", "3.25.04")),
    OPDDemo("3.26.0.00.0.00.01.0000", "Dinas Pariwisata", "Dispar", _D,
            2_100, 7_200, "sangat_lambat", ("3.26.02", "3.26.03", "3.26.04")),
    OPDDemo("3.27.0.00.0.00.01.0000", "Dinas Pertanian", "Distan", _D,
            14_000, 28_000, "sedang", ("3.27.02.2.01", "3.27.03", "3.27.05", "3.27.07")),
    OPDDemo("3.27.0.00.0.00.02.0000", "Dinas Perkebunan dan Peternakan", "Disbunnak", _D,
            6_000, 12_000, "sedang", ("3.27.02.2.02", "3.27.02.2.05", "3.27.04")),
    OPDDemo("5.01.5.05.0.00.01.0000", "Badan Perencanaan Pembangunan Daerah", "Bappeda", _B,
            4_100, 8_400, "baik", ("5.01.02", "5.01.03", "5.05.02")),
    OPDDemo("5.02.0.00.0.00.01.0000", "Badan Pengelola Keuangan dan Aset Daerah", "BPKAD", _B,
            6_200, 118_000, "baik", ("5.02.00", "5.02.02", "5.02.03")),
    OPDDemo("5.02.0.00.0.00.02.0000", "Badan Pendapatan Daerah", "Bapenda", _B,
            4_000, 7_800, "cepat", ("5.02.04",)),
    OPDDemo("5.03.5.04.0.00.01.0000", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "BKPSDM", _B, 4_000, 6_100, "cepat", ("5.03.02", "5.04.02")),
    OPDDemo("8.01.0.00.0.00.01.0000", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol", _B,
            2_000, 6_200, "sedang", ("8.01.02", "8.01.03", "8.01.04", "8.01.05", "8.01.06")),
    OPDDemo("1.02.0.00.0.00.01.0001", "UPTD Puskesmas Liwa", "Puskesmas Liwa", JenisOPD.UPTD,
            0, 4_200, "baik", ("1.02.01.2.10", "1.02.02.2.02.0025"),
            induk="1.02.0.00.0.00.01.0000"),
    OPDDemo("1.02.0.00.0.00.01.0002", "UPTD Puskesmas Fajar Bulan", "Puskesmas Fajar Bulan",
            JenisOPD.UPTD, 0, 3_600, "sedang", ("1.02.01.2.10", "1.02.02.2.02.0025"),
            induk="1.02.0.00.0.00.01.0000"),
)

# (nama, kinerja, relative size): the 15 kecamatan, in the order of their SIPD unit numbers.
KECAMATAN = (
    ("Balik Bukit", "cepat", 13), ("Sukau", "cepat", 10), ("Lumbok Seminung", "baik", 7),
    ("Belalau", "cepat", 9), ("Sekincau", "baik", 10), ("Suoh", "lambat", 8),
    ("Batu Brak", "baik", 9), ("Pagar Dewa", "sedang", 7), ("Batu Ketulis", "baik", 8),
    ("Bandar Negeri Suoh", "sangat_lambat", 9), ("Sumber Jaya", "baik", 11),
    ("Way Tenong", "sedang", 12), ("Gedung Surian", "baik", 8), ("Kebun Tebu", "sedang", 9),
    ("Air Hitam", "sedang", 7),
)

OPD_KECAMATAN: tuple[OPDDemo, ...] = tuple(
    OPDDemo(f"7.01.0.00.0.00.{i:02d}.0000", f"Kecamatan {nama}", f"Kec. {nama}",
            JenisOPD.KECAMATAN, ukuran * 300, ukuran * 230, kinerja,
            ("7.01.02", "7.01.03", "7.01.04", "7.01.05", "7.01.06"))
    for i, (nama, kinerja, ukuran) in enumerate(KECAMATAN, start=1)
)

SEMUA_OPD: tuple[OPDDemo, ...] = OPD + OPD_KECAMATAN


def opd_berskala(skala: int = 1) -> list[OPDDemo]:
    """The OPD, repeated ``skala`` times for load tests: copy ``c`` gets unit number
    ``100·c + n`` so codes stay unique and SIPD-shaped."""
    if skala < 1:
        raise ValueError(f"skala harus 1 atau lebih, bukan {skala}")
    hasil = []
    for c in range(skala):
        for o in SEMUA_OPD:
            if c == 0:
                hasil.append(o)
                continue
            hasil.append(o._replace(
                kode=_salin_kode(o.kode, c), nama=f"{o.nama} ({c + 1})",
                singkatan=f"{o.singkatan} ({c + 1})"[:40],
                induk=_salin_kode(o.induk, c) if o.induk else None,
            ))
    return hasil


def _salin_kode(kode: str, c: int) -> str:
    bagian = kode.split(".")
    bagian[6] = f"{int(bagian[6]) + 100 * c:02d}"
    return ".".join(bagian)
