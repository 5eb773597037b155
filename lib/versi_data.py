"""The data version: one token that changes, in the same transaction, with every write to the
data the pages show — read with one cheap query, so every gunicorn worker can tell whether
what it keeps in memory (``lib.tembolok``) is still the database's state.

The token is kept by the database itself: triggers on every table (but a short list of
tables no page figure reads: sessions, login lockouts, background jobs, 2FA devices, API
tokens, the admin log; and an update of only a user's ``last_login``) replace it on every
INSERT, UPDATE and DELETE — so bulk_create,
``QuerySet.update()``, raw SQL, the derived-table triggers, imports, restores and the admin
are all covered, not only writes that send Django signals. The triggers are (re)installed
after every ``migrate`` (``post_migrate``), so a table added later gets them too.

The token is random, never a counter: a transaction rolled back (a test, a refused import)
puts the old token back together with the old data, and a new state never reuses the token
of another. A reader must take the token *before* reading the data (``lib.tembolok``): a
write committed in between then only makes the entry newer than its token, never older.

PostgreSQL: a deferred constraint trigger replaces the token once per transaction, at
commit — after every other row lock of the transaction, so two writers cannot deadlock on
the version row — and a statement trigger covers TRUNCATE (``flush``). SQLite serialises
writers anyway: plain row triggers.
"""

from __future__ import annotations

import secrets

from django.db import connections

TABEL = "siap_versi_data"
# Tables no figure, form or page cached in memory reads (written on every request or login).
TANPA_VERSI = ("django_session", "django_migrations", "django_admin_log", "axes_",
               "django_tasks", "tugas_", "otp_", "api_tokenapi", TABEL)


# Columns whose update alone keeps the token: ``last_login`` is written at every sign-in and
# shown on no kept page, so a morning of operators signing in does not make every worker
# recompute the leaders' pages. Any other column of the table, and every insert and delete,
# still change it. SQLite: the update trigger fires on ``UPDATE OF`` the other columns
# (rebuilt after every migrate; SQLite rebuilds a table to alter it, triggers and all).
# PostgreSQL: the columns are the trigger function's arguments, compared row against row —
# a column list on the trigger would stop a migration from changing those columns' types.
# Takes effect at the next ``migrate`` (which installs the triggers).
KOLOM_TANPA_VERSI = {"accounts_user": ("last_login",)}


def _kolom_dipantau(conn, cursor, tabel: str) -> str:
    """The columns of ``tabel`` whose update changes the token, quoted, comma-separated."""
    abaikan = KOLOM_TANPA_VERSI[tabel]
    return ", ".join(f'"{k.name}"' for k in conn.introspection.get_table_description(cursor, tabel)
                     if k.name not in abaikan)


def _dipantau(nama: str) -> bool:
    return not any(nama.startswith(awalan) for awalan in TANPA_VERSI)


def baca(using: str = "default") -> int:
    """The current token (one query)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT nilai FROM {TABEL} WHERE id = 1")
        baris = cursor.fetchone()
    return baris[0] if baris else 0


def ganti(using: str = "default") -> None:
    """A new token by hand (e.g. after writing to a table without triggers)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"UPDATE {TABEL} SET nilai = %s WHERE id = 1",
                       [secrets.randbits(62) + 1])


def _pasang_sqlite(conn, cursor, tabel: list[str]) -> None:
    cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABEL} (id INTEGER PRIMARY KEY, "
                   "nilai INTEGER NOT NULL)")
    cursor.execute(f"INSERT OR IGNORE INTO {TABEL} (id, nilai) VALUES (1, 1)")
    badan = f"BEGIN UPDATE {TABEL} SET nilai = (random() & 4611686018427387903) + 1 WHERE id = 1; END"
    for t in tabel:
        for aksi in ("INSERT", "UPDATE", "DELETE"):
            if aksi == "UPDATE" and t in KOLOM_TANPA_VERSI:
                # recreated after every migrate: a column added since is watched too
                cursor.execute(f'DROP TRIGGER IF EXISTS "siap_versi_update_{t}"')
                cursor.execute(f'DROP TRIGGER IF EXISTS "siap_versi_update_kolom_{t}"')
                cursor.execute(f'CREATE TRIGGER "siap_versi_update_kolom_{t}" AFTER UPDATE OF '
                               f'{_kolom_dipantau(conn, cursor, t)} ON "{t}" {badan}')
                continue
            cursor.execute(
                f'CREATE TRIGGER IF NOT EXISTS "siap_versi_{aksi.lower()}_{t}" AFTER {aksi} '
                f'ON "{t}" {badan}')


FUNGSI_PG = f"""
CREATE OR REPLACE FUNCTION siap_ganti_versi() RETURNS trigger AS $$
BEGIN
    -- the trigger's arguments: columns whose update alone keeps the token (no column list on
    -- the trigger itself: PostgreSQL would then refuse to change those columns' types)
    IF TG_OP = 'UPDATE' AND TG_NARGS > 0
       AND (to_jsonb(NEW) - TG_ARGV) = (to_jsonb(OLD) - TG_ARGV) THEN
        RETURN NULL;
    END IF;
    IF TG_LEVEL = 'STATEMENT'
       OR current_setting('siap.versi_tx', true) IS DISTINCT FROM txid_current()::text THEN
        PERFORM set_config('siap.versi_tx', txid_current()::text, true);
        UPDATE {TABEL} SET nilai = floor(random() * 4611686018427387903)::bigint + 1
        WHERE id = 1;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql"""


def _pasang_postgresql(cursor, tabel: list[str]) -> None:
    cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABEL} (id integer PRIMARY KEY, "
                   "nilai bigint NOT NULL)")
    cursor.execute(f"INSERT INTO {TABEL} (id, nilai) VALUES (1, 1) ON CONFLICT DO NOTHING")
    cursor.execute(FUNGSI_PG)
    cursor.execute("SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
                   "WHERE tgname LIKE 'siap_versi%%'")
    ada = {(r.strip('"'), n) for r, n in cursor.fetchall()}
    for t in tabel:
        if t in KOLOM_TANPA_VERSI:
            # the columns are the function's arguments (recreated at every migrate, in case
            # they change); every other column, a column added later included, is watched
            argumen = ", ".join(f"'{k}'" for k in KOLOM_TANPA_VERSI[t])
            cursor.execute(f'DROP TRIGGER IF EXISTS siap_versi_baris ON "{t}"')
            cursor.execute(f'DROP TRIGGER IF EXISTS siap_versi_baris_kolom ON "{t}"')
            cursor.execute(
                f"CREATE CONSTRAINT TRIGGER siap_versi_baris_kolom AFTER INSERT OR UPDATE OR "
                f'DELETE ON "{t}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
                f"EXECUTE FUNCTION siap_ganti_versi({argumen})")
        elif (t, "siap_versi_baris") not in ada:
            cursor.execute(
                f'CREATE CONSTRAINT TRIGGER siap_versi_baris AFTER INSERT OR UPDATE OR DELETE '
                f'ON "{t}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
                "EXECUTE FUNCTION siap_ganti_versi()")
        if (t, "siap_versi_kosongkan") not in ada:
            cursor.execute(
                f'CREATE TRIGGER siap_versi_kosongkan AFTER TRUNCATE ON "{t}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION siap_ganti_versi()")


def pasang(using: str = "default") -> None:
    """The version table and the triggers of every watched table (idempotent); then a new
    token, since a migration may have written without them."""
    conn = connections[using]
    with conn.cursor() as cursor:
        tabel = [t for t in conn.introspection.table_names(cursor) if _dipantau(t)]
        if conn.vendor == "postgresql":
            _pasang_postgresql(cursor, tabel)
        elif conn.vendor == "sqlite":
            _pasang_sqlite(conn, cursor, tabel)
        else:  # pragma: no cover - SIAP runs on SQLite and PostgreSQL only
            return
    ganti(using)


def setelah_migrate(sender, using="default", **kwargs) -> None:
    """``post_migrate`` receiver: Django sends it once per app with models; the triggers are
    installed on the last one (every table exists by then)."""
    from django.apps import apps

    terakhir = [a for a in apps.get_app_configs() if a.models_module is not None][-1]
    if sender is terakhir:
        pasang(using)
