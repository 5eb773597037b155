"""The deterministic demo of Kabupaten Lampung Barat (``siap demo-data``).

Real OPD and nomenclature, synthetic per-OPD amounts (``Pemda.data_sintetis``), and pemda
totals that reproduce the Rakor POP seeds to the sen: TW IV 2025 s.d. 30 November and
TW II 2023; beside them the current year and the one before it, as they stand on the day the
demo is loaded (``rencana``, ``jadwal``). ``generator.buat_demo(hari_ini, skala)`` computes the
numbers without the database (also for load tests at 10× or 100×); ``muat_demo()`` stores them.
"""

from .akun import AKUN_DEMO, PASSWORD_DEMO, teks_akun_demo
from .load import DemoError, Ringkasan, hapus_demo, isi_basis_data, muat_demo

__all__ = [
    "AKUN_DEMO", "PASSWORD_DEMO", "DemoError", "Ringkasan", "hapus_demo", "isi_basis_data",
    "muat_demo", "teks_akun_demo",
]
