"""The deterministic demo of Kabupaten Lampung Barat (``siap demo-data``).

Real OPD and nomenclature, synthetic per-OPD amounts (``Pemda.data_sintetis``), and pemda
totals that reproduce the Rakor POP seeds to the sen: TW IV 2025 s.d. 30 November and
TW II 2023; beside them the current year and the one before it, as they stand on the day the
demo is loaded (``rencana``, ``jadwal``). ``generator.buat_demo(hari_ini, skala)`` computes the
numbers without the database (also for load tests at 10× or 100×); ``load.muat_demo()`` stores them.

The demo is its own app, the top layer: it fills budget, accounts, reporting and kinerja
(``laporan``, ``kinerja``) and owns ``siap demo-data`` and ``siap demo-sipd``. Nothing below
imports it (see ``tests/test_arah_impor.py``).
"""
