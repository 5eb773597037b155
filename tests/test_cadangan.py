"""Backups: `siap cadangkan DIR` and `siap pulihkan FILE`, on SQLite and on PostgreSQL."""

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import Peran, User
from accounts.testing import buat_pengguna
from budget import testing as t
from budget.models import PerangkatDaerah

# The backup tools read committed data over their own connection (pg_dump) or replace the
# whole database: no test transaction around them.
pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[1]
AKHIRAN = {"sqlite": ".sqlite3", "postgresql": ".dump"}


@pytest.fixture
def data():
    dinkes = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    buat_pengguna("op.dinkes", Peran.OPERATOR, dinkes)
    return dinkes


def _cadangkan(folder):
    call_command("cadangkan", str(folder))
    (berkas,) = folder.iterdir()
    return berkas


def _ubah_data(dinkes):
    PerangkatDaerah.objects.filter(pk=dinkes.pk).update(nama="DIUBAH")
    User.objects.filter(username="op.dinkes").delete()
    t.opd("1.03.0.00.0.00.01.0000", "Dinas PUPR")


def _data_kembali(dinkes):
    assert PerangkatDaerah.objects.get(pk=dinkes.pk).nama == "Dinas Kesehatan"
    assert list(PerangkatDaerah.objects.values_list("nama", flat=True)) == ["Dinas Kesehatan"]
    assert list(User.objects.get(username="op.dinkes").opd.all()) == [dinkes]


def test_a_backup_is_named_by_the_time_and_the_database_kind(data, tmp_path):
    berkas = _cadangkan(tmp_path / "cadangan")
    assert re.fullmatch(r"siap-\d{8}-\d{6}" + re.escape(AKHIRAN[connection.vendor]), berkas.name)
    assert berkas.stat().st_size > 0
    assert not list(berkas.parent.glob("*.sebagian"))


def test_backup_change_restore_brings_the_data_back(data, tmp_path, capsys):
    berkas = _cadangkan(tmp_path)
    assert "Cadangan tersimpan" in capsys.readouterr().out
    _ubah_data(data)
    call_command("pulihkan", str(berkas), "--ya")
    connection.close()
    _data_kembali(data)


def test_restoring_asks_first_and_a_no_changes_nothing(data, tmp_path, monkeypatch):
    berkas = _cadangkan(tmp_path)
    _ubah_data(data)
    monkeypatch.setattr("builtins.input", lambda prompt: "tidak")
    with pytest.raises(CommandError, match="Pemulihan dibatalkan; basis data tidak diubah."):
        call_command("pulihkan", str(berkas))
    assert PerangkatDaerah.objects.get(pk=data.pk).nama == "DIUBAH"
    monkeypatch.setattr("builtins.input", lambda prompt: "ya")
    call_command("pulihkan", str(berkas))
    connection.close()
    _data_kembali(data)


def test_a_file_that_is_not_a_backup_is_refused(data, tmp_path):
    palsu = tmp_path / "bukan.sqlite3"
    palsu.write_text("bukan cadangan")
    with pytest.raises(CommandError, match="bukan cadangan"):
        call_command("pulihkan", str(palsu), "--ya")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("pulihkan", str(tmp_path / "tidak-ada.dump"), "--ya")
    assert PerangkatDaerah.objects.get(pk=data.pk).nama == "Dinas Kesehatan"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only: the database is SQLite "
                    "only when DATABASE_URL is unset")
def test_a_sqlite_file_without_siap_tables_is_refused(data, tmp_path):
    lain = tmp_path / "lain.sqlite3"
    sqlite3.connect(lain).execute("create table x (y)").connection.close()
    with pytest.raises(CommandError, match="bukan cadangan SIAP"):
        call_command("pulihkan", str(lain), "--ya")


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="PostgreSQL only: set DATABASE_URL=postgres://… to run it")
def test_on_postgresql_the_password_goes_by_environment_not_the_command_line(monkeypatch):
    from siap.management.commands._cadangan import argumen_pg

    monkeypatch.setitem(connection.settings_dict, "PASSWORD", "rahasia")
    args, env = argumen_pg(connection)
    assert "rahasia" not in " ".join(args)
    assert env["PGPASSWORD"] == "rahasia"
    assert args[-2:] == ["--dbname", connection.settings_dict["NAME"]]


def test_the_commands_back_up_and_restore_a_live_sqlite_file(tmp_path):
    """End to end through `siap`, on a real SQLite file in WAL mode as in production (the
    test database above lives in memory)."""
    db = tmp_path / "siap.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIAP_", "DJANGO_"))}
    env.update(DEBUG="1", DATABASE_URL=f"sqlite:///{db}", SIAP_DATA_DIR=str(tmp_path))

    def siap(*args, input=None):
        r = subprocess.run([sys.executable, "-m", "siap.cli", *args], env=env, input=input,
                           cwd=ROOT, capture_output=True,
                           text=True, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
        return r.stdout

    def sql(q):
        with sqlite3.connect(db) as c:
            return c.execute(q).fetchall()

    siap("migrate", "--verbosity", "0")
    siap("shell", "-c", "from budget import testing as t; t.opd('1.02.0.00.0.00.01.0000', "
         "'Dinas Kesehatan')")
    assert siap("cadangkan", str(tmp_path / "cadangan")).startswith("Cadangan tersimpan:")
    (berkas,) = (tmp_path / "cadangan").iterdir()
    sql("update budget_perangkatdaerah set nama = 'DIUBAH'")
    assert "Ketik 'ya'" in siap("pulihkan", str(berkas), input="ya\n")
    assert sql("select nama from budget_perangkatdaerah") == [("Dinas Kesehatan",)]
    assert sql("pragma journal_mode") == [("wal",)]
