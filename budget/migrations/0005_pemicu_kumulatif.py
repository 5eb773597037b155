"""Triggers that keep ``RealisasiKumulatif`` and ``FisikTerakhir`` in step (issue #7).

Every INSERT, UPDATE or DELETE on ``RealisasiKeuangan`` brings the cumulative row of each
line it touched in step with that line's monthly rows; every change to ``RealisasiFisik`` or
``TargetFisik`` does the same for the latest-fisik row of each (year, OPD, sub kegiatan) it
touched. This runs inside the writing statement's transaction, so a rolled-back save leaves
no trace. A key with no source row left has no derived row.

PostgreSQL: statement-level triggers with transition tables, so a COPY or a bulk INSERT of
millions of rows recomputes each touched key once from its source rows, in set-based
statements. Two transactions writing the same key at once (say, an import of
January–October and the November report of the same OPD) are serialised on the derived row
before recomputing, so the second recomputes from what the first committed (tested in
``budget/tests/test_kumulatif_konkurensi.py``). SQLite has only row triggers, and one
writer at a time: an inserted row is applied to its key's row (a realisasi adds its amount,
in whole sen, to its month and the later ones; a fisik report becomes the latest for its
month up to the next one reported), an updated or deleted row recomputes its key from its
source rows through the unique indexes.

The SQL is written out here, frozen with this migration; ``budget.kumulatif`` computes the
same rows independently (in Python) for ``siap kumulatif``, which checks and repairs them.
After creating the triggers, existing rows are filled by touching every source row.
"""

from django.db import migrations

RK = "budget_realisasikeuangan"
RKUM = "budget_realisasikumulatif"
RF = "budget_realisasifisik"
TF = "budget_targetfisik"
FT = "budget_fisikterakhir"
BULAN = range(1, 13)
KUNCI_FISIK = ("tahun_id", "opd_id", "sub_kegiatan_id")
KOLOM_FT = ", ".join(
    [*KUNCI_FISIK, *(f"f{b:02d}" for b in BULAN), *(f"t{b:02d}" for b in BULAN)]
)
# A key's row is updated in place (its id stays), and deleted once no source row is left.
GANTI_FT = ", ".join(
    f"{c} = excluded.{c}" for c in [*(f"f{b:02d}" for b in BULAN), *(f"t{b:02d}" for b in BULAN)]
)
BATAS_ANALISA = 5_000  # rows in one statement from which the triggers refresh statistics
KOLOM_RKUM = ", ".join(["rincian_id", *(f"k{b:02d}" for b in BULAN)])


# --- PostgreSQL ------------------------------------------------------------------------------


# Every statement below is driven by the touched keys (from the transition table, whose size
# the planner knows) and reaches the tables through LATERAL subqueries, one index probe per
# key: with joins the planner could turn the plan around on poor statistics (statistics
# taken while a table was empty made a demo load walk a whole table once per key: 3 s →
# 72 s). Which index a probe uses still depends on statistics, hence the ANALYZE of bulk
# statements in ``_pg_sql``.


def _pg_kunci_dikunci(tabel: str, kolom: tuple[str, ...], kunci: str) -> str:
    """Serialise concurrent writers of the same key: give every touched key a row (zeros
    for now), then lock those rows in key order. A concurrent transaction touching the same
    key waits here until the first commits; the recomputation that follows is a new
    statement, so under READ COMMITTED its snapshot includes what the first committed."""
    daftar = ", ".join(kolom)
    semua, nilai = (KOLOM_FT, 24) if tabel == FT else (KOLOM_RKUM, 12)
    nol = ", ".join(["0"] * nilai)
    sama = " AND ".join(f"d.{k} = a.{k}" for k in kolom)
    return f"""
    INSERT INTO {tabel} ({semua})
    SELECT {daftar}, {nol} FROM (SELECT DISTINCT {daftar} FROM ({kunci}) k) a
    ORDER BY {daftar}
    ON CONFLICT ({daftar}) DO NOTHING;
    PERFORM 1 FROM (SELECT DISTINCT {daftar} FROM ({kunci}) k ORDER BY {daftar}) a,
        LATERAL (SELECT 1 FROM {tabel} d WHERE {sama} FOR UPDATE) l;"""


def _pg_realisasi(kunci: str) -> str:
    """Recompute the lines listed by the query ``kunci`` (one column: rincian_id)."""
    kolom = ", ".join(
        f"CAST(COALESCE(SUM(x.jumlah) FILTER (WHERE x.bulan <= {b}), 0) * 100 AS BIGINT)"
        for b in BULAN
    )
    ganti = ", ".join(f"k{b:02d} = excluded.k{b:02d}" for b in BULAN)
    keluaran = ", ".join(f"s.k{b:02d}" for b in BULAN)
    nama = ", ".join(f"k{b:02d}" for b in BULAN)
    a = f"(SELECT DISTINCT rincian_id FROM ({kunci}) k) a"
    return _pg_kunci_dikunci(RKUM, ("rincian_id",), kunci) + f"""
    INSERT INTO {RKUM} ({KOLOM_RKUM})
    SELECT a.rincian_id, {keluaran}
    FROM {a}, LATERAL (
        SELECT COUNT(*) AS n, {kolom}
        FROM {RK} x WHERE x.rincian_id = a.rincian_id) s ({", ".join(["n", *nama.split(", ")])})
    WHERE s.n > 0
    ON CONFLICT (rincian_id) DO UPDATE SET {ganti};
    DELETE FROM {RKUM} WHERE rincian_id = ANY (ARRAY(
        SELECT a.rincian_id FROM {a},
            LATERAL (SELECT COUNT(*) AS n FROM {RK} x WHERE x.rincian_id = a.rincian_id) s
        WHERE s.n = 0));"""


def _pg_fisik(kunci: str) -> str:
    """Recompute the (tahun, opd, sub kegiatan) listed by the query ``kunci``."""
    sama = " AND ".join(f"g.{k} = a.{k}" for k in KUNCI_FISIK)

    def terakhir(tabel: str, awalan: str) -> str:
        # The rows of one key newest first: ordered like the unique index (tahun, opd, sub
        # kegiatan, bulan), so that the planner reads that index rather than a one-column one.
        kolom = ", ".join(
            f"(array_agg(g.h ORDER BY g.bulan DESC) FILTER (WHERE g.bulan <= {b}))[1]"
            f" AS {awalan}{b:02d}"
            for b in BULAN
        )
        return f"""LATERAL (SELECT COUNT(*) AS n, {kolom} FROM (
            SELECT g.bulan, CAST(ROUND(g.persen * 100) AS INTEGER) AS h FROM {tabel} g
            WHERE {sama} ORDER BY g.tahun_id, g.opd_id, g.sub_kegiatan_id, g.bulan DESC) g)"""

    nilai = ", ".join(
        [*(f"COALESCE(r.f{b:02d}, 0)" for b in BULAN), *(f"COALESCE(t.t{b:02d}, 0)" for b in BULAN)]
    )
    a = f"(SELECT DISTINCT {', '.join(KUNCI_FISIK)} FROM ({kunci}) k) a"
    return _pg_kunci_dikunci(FT, KUNCI_FISIK, kunci) + f"""
    INSERT INTO {FT} ({KOLOM_FT})
    SELECT a.tahun_id, a.opd_id, a.sub_kegiatan_id, {nilai}
    FROM {a}, {terakhir(RF, "f")} r, {terakhir(TF, "t")} t
    WHERE r.n > 0 OR t.n > 0
    ON CONFLICT ({", ".join(KUNCI_FISIK)}) DO UPDATE SET {GANTI_FT};
    DELETE FROM {FT} WHERE id = ANY (ARRAY(
        SELECT d.id FROM {a}, {terakhir(RF, "f")} r, {terakhir(TF, "t")} t,
            LATERAL (SELECT id FROM {FT} d WHERE {sama.replace("g.", "d.")} OFFSET 0) d
        WHERE r.n = 0 AND t.n = 0));"""


def _pg_sql() -> list[str]:
    sql = []
    kunci_rk = {
        "INSERT": "SELECT DISTINCT rincian_id FROM baru",
        "UPDATE": "SELECT rincian_id FROM baru UNION SELECT rincian_id FROM lama",
        "DELETE": "SELECT DISTINCT rincian_id FROM lama",
    }
    fk = ", ".join(KUNCI_FISIK)
    kunci_f = {
        "INSERT": f"SELECT DISTINCT {fk} FROM baru",
        "UPDATE": f"SELECT {fk} FROM baru UNION SELECT {fk} FROM lama",
        "DELETE": f"SELECT DISTINCT {fk} FROM lama",
    }
    rujukan = {
        "INSERT": "NEW TABLE AS baru",
        "UPDATE": "OLD TABLE AS lama NEW TABLE AS baru",
        "DELETE": "OLD TABLE AS lama",
    }
    dibaca = {RK: (RK, RKUM), RF: (RF, TF, FT), TF: (RF, TF, FT)}
    for tabel, kunci, badan in ((RK, kunci_rk, _pg_realisasi), (RF, kunci_f, _pg_fisik),
                                (TF, kunci_f, _pg_fisik)):
        for aksi in ("INSERT", "UPDATE", "DELETE"):
            nama = f"{tabel}_kumulatif_{aksi.lower()}"
            # A bulk statement (a load, a restore) first refreshes the statistics of the
            # tables it is about to probe: statistics taken while a table was empty make the
            # planner walk a whole year's rows per key (a demo load: 3 s → 24 s). ANALYZE
            # counts this transaction's own new rows; ordinary saves stay below the bound.
            analisa = "\n".join(f"        ANALYZE {t};" for t in dibaca[tabel])
            sql.append(f"""
CREATE FUNCTION {nama}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT COUNT(*) FROM {"lama" if aksi == "DELETE" else "baru"}) >= {BATAS_ANALISA} THEN
{analisa}
    END IF;{badan(kunci[aksi])}
    RETURN NULL;
END $$""")
            sql.append(f"""
CREATE TRIGGER {nama} AFTER {aksi} ON {tabel}
REFERENCING {rujukan[aksi]} FOR EACH STATEMENT EXECUTE FUNCTION {nama}()""")
    return sql


def _pg_hapus() -> list[str]:
    return [
        f"DROP FUNCTION IF EXISTS {tabel}_kumulatif_{aksi}() CASCADE"
        for tabel in (RK, RF, TF) for aksi in ("insert", "update", "delete")
    ]


# --- SQLite ----------------------------------------------------------------------------------


def _sqlite_realisasi(rid: str) -> str:
    kolom = ", ".join(
        f"SUM(CASE WHEN x.bulan <= {b} THEN CAST(ROUND(x.jumlah * 100) AS INTEGER) ELSE 0 END)"
        for b in BULAN
    )
    return f"""
    DELETE FROM {RKUM} WHERE rincian_id = {rid};
    INSERT INTO {RKUM} ({KOLOM_RKUM})
    SELECT x.rincian_id, {kolom} FROM {RK} x WHERE x.rincian_id = {rid} GROUP BY x.rincian_id;"""


def _sqlite_fisik(baris: str) -> str:
    """Recompute the key of the trigger row ``baris`` (NEW or OLD)."""
    sama = " AND ".join(f"g.{k} = {baris}.{k}" for k in KUNCI_FISIK)

    def terakhir(tabel: str, b: int) -> str:
        return (f"COALESCE((SELECT CAST(ROUND(g.persen * 100) AS INTEGER) FROM {tabel} g "
                f"WHERE {sama} AND g.bulan <= {b} ORDER BY g.bulan DESC LIMIT 1), 0)")

    nilai = ", ".join([*(terakhir(RF, b) for b in BULAN), *(terakhir(TF, b) for b in BULAN)])
    kunci = ", ".join(f"{baris}.{k}" for k in KUNCI_FISIK)
    return f"""
    DELETE FROM {FT} WHERE {" AND ".join(f"{k} = {baris}.{k}" for k in KUNCI_FISIK)}
        AND NOT EXISTS (SELECT 1 FROM {RF} g WHERE {sama})
        AND NOT EXISTS (SELECT 1 FROM {TF} g WHERE {sama});
    INSERT INTO {FT} ({KOLOM_FT})
    SELECT {kunci}, {nilai}
    WHERE EXISTS (SELECT 1 FROM {RF} g WHERE {sama})
       OR EXISTS (SELECT 1 FROM {TF} g WHERE {sama})
    ON CONFLICT ({", ".join(KUNCI_FISIK)}) DO UPDATE SET {GANTI_FT};"""


def _sqlite_tambah_realisasi() -> str:
    """A new monthly row adds its amount to its month and every later one (exact: sen)."""
    sen = "CAST(ROUND(NEW.jumlah * 100) AS INTEGER)"
    nilai = ", ".join(f"CASE WHEN NEW.bulan <= {b} THEN {sen} ELSE 0 END" for b in BULAN)
    tambah = ", ".join(f"k{b:02d} = k{b:02d} + excluded.k{b:02d}" for b in BULAN)
    return f"""
    INSERT INTO {RKUM} ({KOLOM_RKUM}) VALUES (NEW.rincian_id, {nilai})
    ON CONFLICT (rincian_id) DO UPDATE SET {tambah};"""


def _sqlite_tambah_fisik(tabel: str, awalan: str) -> str:
    """A new report at month b is the latest for months b up to (not including) the next
    month already reported for the same key: one probe instead of recomputing 24 months."""
    kunci = ", ".join(f"NEW.{k}" for k in KUNCI_FISIK)
    sama = " AND ".join(f"g.{k} = NEW.{k}" for k in KUNCI_FISIK)
    berikut = (f"(SELECT COALESCE(MIN(g.bulan), 13) FROM {tabel} g "
               f"WHERE {sama} AND g.bulan > NEW.bulan)")
    ubah = ", ".join(
        f"{awalan}{b:02d} = CASE WHEN NEW.bulan <= {b} AND {b} < {berikut} "
        f"THEN CAST(ROUND(NEW.persen * 100) AS INTEGER) ELSE {awalan}{b:02d} END"
        for b in BULAN
    )
    return f"""
    INSERT INTO {FT} ({KOLOM_FT}) VALUES ({kunci}, {", ".join(["0"] * 24)})
    ON CONFLICT ({", ".join(KUNCI_FISIK)}) DO NOTHING;
    UPDATE {FT} SET {ubah}
    WHERE {" AND ".join(f"{k} = NEW.{k}" for k in KUNCI_FISIK)};"""


def _sqlite_sql() -> list[str]:
    """INSERT (the bulk path: loads, imports, new reports) applies the new row; UPDATE and
    DELETE recompute the key from its rows."""
    sql = []
    for tabel, badan, kolom, tambah in (
        (RK, _sqlite_realisasi, "rincian_id", _sqlite_tambah_realisasi()),
        (RF, _sqlite_fisik, None, _sqlite_tambah_fisik(RF, "f")),
        (TF, _sqlite_fisik, None, _sqlite_tambah_fisik(TF, "t")),
    ):
        def untuk(baris: str, badan=badan, kolom=kolom) -> str:
            return badan(f"{baris}.{kolom}") if kolom else badan(baris)

        for aksi, isi in (("INSERT", tambah), ("DELETE", untuk("OLD")),
                          ("UPDATE", untuk("OLD") + untuk("NEW"))):
            sql.append(f"""
CREATE TRIGGER {tabel}_kumulatif_{aksi.lower()} AFTER {aksi} ON {tabel}
FOR EACH ROW BEGIN{isi}
END""")
    return sql


def _sqlite_hapus() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {tabel}_kumulatif_{aksi}"
        for tabel in (RK, RF, TF) for aksi in ("insert", "update", "delete")
    ]


# --- the operations --------------------------------------------------------------------------


def buat(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        perintah = _pg_sql()
    elif vendor == "sqlite":
        perintah = _sqlite_sql()
    else:
        raise NotImplementedError(f"Pemicu kumulatif belum ditulis untuk basis data {vendor}.")
    for sql in perintah:
        schema_editor.execute(sql, params=None)
    # Fill from the rows already there: touching each source row fires the triggers.
    for tabel, kolom in ((RK, "jumlah"), (RF, "persen"), (TF, "persen")):
        schema_editor.execute(f"UPDATE {tabel} SET {kolom} = {kolom}", params=None)


def hapus(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in _pg_hapus() if vendor == "postgresql" else _sqlite_hapus():
        schema_editor.execute(sql, params=None)
    schema_editor.execute(f"DELETE FROM {RKUM}", params=None)
    schema_editor.execute(f"DELETE FROM {FT}", params=None)


class Migration(migrations.Migration):
    dependencies = [("budget", "0004_kumulatif")]

    operations = [migrations.RunPython(buat, hapus, elidable=False)]
