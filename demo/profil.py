"""How each kind of sub kegiatan is funded and spent in the demo.

A sub kegiatan's ``profil`` (in the nomenclature outline) says which budget lines it gets —
(sumber dana, jenis belanja, share, always?) — and the jenis belanja says how its anggaran
kas is spread over the year and how late the money follows it.
"""

from __future__ import annotations

# profil -> ((sumber dana, jenis belanja, share, always present), ...)
PROFIL: dict[str, tuple[tuple[str, str, int, bool], ...]] = {
    "gaji": (("DAU", "5.1.01", 100, True),),
    "dprd": (("DAU", "5.1.01", 100, True),),
    "kantor": (("DAU", "5.1.02", 70, True), ("PAD", "5.1.02", 30, False)),
    "program": (("DAU", "5.1.02", 75, True), ("PAD", "5.1.02", 25, False)),
    "pelihara": (("DAU", "5.1.02", 65, True), ("PAD", "5.1.02", 35, False)),
    "alat": (("DAU", "5.2.02", 85, True), ("PAD", "5.2.02", 15, False)),
    "gedung_kantor": (("DAU", "5.2.03", 85, True), ("DAU", "5.1.02", 15, False)),
    "gedung": (("DAK_FISIK", "5.2.03", 60, True), ("DAU", "5.2.03", 30, False),
               ("DAU", "5.1.02", 10, True)),
    "jalan": (("DAK_FISIK", "5.2.04", 45, True), ("DAU", "5.2.04", 35, True),
              ("DID", "5.2.04", 10, False), ("DBH", "5.2.04", 10, False),
              ("DAU", "5.1.02", 4, True)),
    "jaringan": (("DAU", "5.2.04", 85, True), ("PAD", "5.2.04", 10, False),
                 ("DAU", "5.1.02", 5, True)),
    "irigasi": (("DAK_FISIK", "5.2.04", 70, True), ("DAU", "5.2.04", 22, False),
                ("DAU", "5.1.02", 8, True)),
    "air": (("DAK_FISIK", "5.2.04", 75, True), ("DAU", "5.1.02", 25, True)),
    "pasar": (("DAK_FISIK", "5.2.03", 80, True), ("DAU", "5.1.02", 20, True)),
    "sarana": (("DAU", "5.1.02", 50, True), ("DAU", "5.2.02", 50, True)),
    "alkes": (("DAK_FISIK", "5.2.02", 70, True), ("DAU", "5.2.02", 30, False)),
    "obat": (("DAU", "5.1.02", 60, True), ("DAK_NONFISIK", "5.1.02", 40, True)),
    "bos": (("DAK_NONFISIK", "5.1.02", 70, True), ("DAK_NONFISIK", "5.2.02", 20, True),
            ("DAK_NONFISIK", "5.2.05", 10, False)),
    "bok": (("DAK_NONFISIK", "5.1.02", 100, True),),
    "daknf": (("DAK_NONFISIK", "5.1.02", 85, True), ("DAU", "5.1.02", 15, False)),
    "gizi": (("DID", "5.1.02", 60, True), ("DAU", "5.1.02", 40, False)),
    # Iuran JKN of the poor: DAU and the tobacco excise share (DBH CHT).
    "jaminan": (("DAU", "5.1.02", 65, True), ("DBH", "5.1.02", 35, True)),
    # JKN capitation and BLUD revenue are "lain-lain pendapatan yang sah".
    "jkn": (("LAIN", "5.1.02", 80, True), ("LAIN", "5.2.02", 20, False)),
    "blud": (("LAIN", "5.1.02", 70, True), ("LAIN", "5.2.02", 20, True),
             ("LAIN", "5.2.03", 10, False)),
    "hibah": (("DAU", "5.1.05", 90, True), ("DAU", "5.1.02", 10, False)),
    "bansos": (("DAU", "5.1.06", 80, True), ("DAU", "5.1.02", 20, False)),
    "buku": (("DAU", "5.2.05", 70, True), ("DAU", "5.1.02", 30, False)),
    "aplikasi": (("DAU", "5.2.06", 60, True), ("DAU", "5.1.02", 40, True)),
    "tanah": (("DAU", "5.2.01", 90, True), ("DAU", "5.1.02", 10, True)),
    "btt": (("DAU", "5.3.01", 70, True), ("SILPA", "5.3.01", 30, True)),
    "bagi_hasil": (("PAD", "5.4.01", 100, True),),
    "bankeu": (("DAU", "5.4.02", 75, True), ("DBH", "5.4.02", 25, True)),
}

# Teachers' professional allowance (TPG) is paid from DAK Non Fisik through belanja pegawai.
GAJI_TPG = ("DAK_NONFISIK", "5.1.01", 30, True)

# Planned disbursement per month (weights, January first). Salaries are flat with the
# religious-holiday allowance (THR) in March and the 13th salary in June; goods and services
# start slowly; capital works are back-loaded and planned to finish before the year-end
# closing in December; transfers to the pekon go in stages.
KURVA = {
    "pegawai": (75, 75, 150, 75, 75, 150, 75, 75, 75, 75, 75, 75),
    "barang": (20, 60, 80, 90, 90, 100, 100, 100, 100, 110, 120, 30),
    "hibah": (0, 50, 100, 100, 100, 150, 100, 100, 100, 100, 80, 20),
    "modal": (0, 10, 30, 50, 80, 100, 110, 130, 140, 160, 170, 20),
    "btt": (80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 120),
    "transfer": (0, 0, 150, 100, 100, 150, 100, 100, 150, 100, 50, 0),
}

# Months by which the SP2D trails the plan: salaries on time, contracts paid on completion.
LAG = {"pegawai": 0, "barang": 1, "hibah": 1, "modal": 2, "btt": 1, "transfer": 1}

# How much of its anggaran kas a line typically realises (per mille), by kind of spending
# and by funding source — DAK Fisik waits for technical guidance and staged transfers.
FAKTOR_KURVA = {"pegawai": 1000, "barang": 1000, "hibah": 950, "modal": 800, "btt": 250,
                "transfer": 980}
FAKTOR_SUMBER = {"DAK_FISIK": 650, "DAK_NONFISIK": 900, "DID": 880, "SILPA": 800, "LAIN": 950}


def kurva_untuk(jenis_belanja: str) -> str:
    if jenis_belanja == "5.1.01":
        return "pegawai"
    if jenis_belanja in ("5.1.05", "5.1.06"):
        return "hibah"
    if jenis_belanja.startswith("5.1."):
        return "barang"
    if jenis_belanja.startswith("5.2."):
        return "modal"
    if jenis_belanja.startswith("5.3."):
        return "btt"
    return "transfer"
