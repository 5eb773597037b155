"""The demo accounts: one per role, one documented password for all.

``AKUN_DEMO`` is the single list that the command, ``make demo`` and the README print.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from accounts.models import Peran

PASSWORD_DEMO = "siap-demo-2025"


@dataclass(frozen=True)
class AkunDemo:
    username: str
    peran: str
    keterangan: str
    jabatan: str = ""
    opd: tuple[str, ...] = ()  # kode of the OPD an operator reports for
    admin: bool = False


AKUN_DEMO: tuple[AkunDemo, ...] = (
    AkunDemo("admin", Peran.ADMIN, "Administrator sistem: pengguna, peran, konfigurasi",
             jabatan="Administrator SIAP", admin=True),
    AkunDemo("verifikator", Peran.VERIFIKATOR,
             "Bagian Administrasi Pembangunan Setda: verifikasi laporan, periode, data master",
             jabatan="Analis Kebijakan Bagian Administrasi Pembangunan"),
    AkunDemo("pimpinan", Peran.PIMPINAN, "Sekretaris Daerah: melihat seluruh angka, tanpa ubah",
             jabatan="Sekretaris Daerah"),
    AkunDemo("operator.dinkes", Peran.OPERATOR, "Operator Dinas Kesehatan",
             jabatan="Kepala Subbagian Keuangan Dinas Kesehatan",
             opd=("1.02.0.00.0.00.01.0000",)),
    AkunDemo("operator.pupr", Peran.OPERATOR, "Operator Dinas PUPR",
             jabatan="Kepala Subbagian Keuangan Dinas PUPR",
             opd=("1.03.0.00.0.00.01.0000",)),
)


def teks_akun_demo() -> str:
    """The accounts as a small table, with the password, for terminals and the README."""
    lebar = max(len(a.username) for a in AKUN_DEMO)
    baris = [f"Akun demo (kata sandi semua akun: {PASSWORD_DEMO}):"]
    for a in AKUN_DEMO:
        baris.append(f"  {a.username:<{lebar}}  {Peran(a.peran).label:<12}  {a.keterangan}")
    if getattr(settings, "SIAP_2FA", False):
        baris.append("Admin dan verifikator diminta verifikasi dua langkah: saat pertama masuk, pindai "
                     "kode QR dengan aplikasi autentikator (SIAP_2FA=0 mematikannya).")
    return "\n".join(baris)
