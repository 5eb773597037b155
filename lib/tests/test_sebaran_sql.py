"""The sebaran's SQL (``sql_hitung_sebaran``, written from ``BATAS_SEBARAN``) counts exactly as
``sebaran_bulat``: run here on an in-memory SQLite (FILTER since 3.30) over the bounds and
their neighbours; on PostgreSQL ``evaluation/tests/test_optimasi.py`` checks it in the rekap."""

import sqlite3

from lib.figures import BATAS_SEBARAN, KelasSebaran, sebaran_bulat, sql_hitung_sebaran


def test_sql_hitung_sebaran_counts_as_sebaran_bulat():
    pasangan = []
    for p in (1, 3, 7, 100, 10**15 + 7):
        for batas, _, _ in BATAS_SEBARAN:
            tepat = batas * p // 100
            pasangan += [(r, p) for r in (tepat - 1, tepat, tepat + 1) if r >= -1]
        pasangan += [(-5, p), (2 * p, p), (p, p)]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE s (r INTEGER, p INTEGER)")
    db.executemany("INSERT INTO s VALUES (?, ?)", pasangan)
    for baris in pasangan:  # each pair alone: the class of every one, not only the totals
        hasil = db.execute(f"SELECT {sql_hitung_sebaran('r', 'p')} FROM s WHERE p > 0 "
                           "AND r = ? AND p = ?", baris).fetchone()
        tunggal = sebaran_bulat([baris])
        assert dict(zip(KelasSebaran, hasil, strict=True)) == {
            k: tunggal[k] * pasangan.count(baris) for k in KelasSebaran}
    semua = db.execute(f"SELECT {sql_hitung_sebaran('r', 'p')} FROM s WHERE p > 0").fetchone()
    assert dict(zip(KelasSebaran, semua, strict=True)) == sebaran_bulat(pasangan)
