"""Imports run one way (issue #14). Every non-test, non-migration module is read with ``ast``
(imports inside functions count too) and must:

- import no app of a higher layer than its own (``LAPIS``);
- import no view module unless it is one itself (a ``views`` or ``views_*`` module or package,
  ``urls`` or ``urls_*``) — Django's own included (``django.contrib.auth.views``, ``django.views``);
- import no private name (``_x``) from another module;
- be part of no import cycle, between apps or inside one (imports inside functions count: a
  cycle hidden in a function is still one; ``if TYPE_CHECKING:`` imports do not run and do not).

The layers, lowest first, and why each sits where it does:

``lib``          framework-free helpers, the pure Rakor arithmetic (``figures``,
                 ``figures_kinerja``: the report form uses it too) and the bounded file readers
``tugas``        the background queue; knows nothing of the apps that enqueue work on it
``budget``       master data, budget versions, realisasi, money summed as whole sen (``sen``)
``accounts``     users, roles and which OPD a user sees
``reporting``    the monthly reports and their pages (the lembar isian included)
``evaluation``   the Rakor figures fetched and laid out; reads reporting's reports, never the
                 other way round
``exchange``     imports, exports, the full restore and SIPD; reads evaluation's sums
``kinerja``      indikator kinerja beside the money: built on the figures and on exchange's
                 readers for its own import
``api``          the JSON API over all of the above, kinerja's router included
``demo``         the Lampung Barat demo: fills every app below it
``siap``         the project: settings, URLs, the ``siap`` command line (which fronts every
                 kind of import), and the benchmarks and ``manage.py`` beside it
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parent.parent

LAPIS = {
    "lib": 0, "tugas": 1, "budget": 2, "accounts": 3, "reporting": 4, "evaluation": 5,
    "exchange": 6, "kinerja": 7, "api": 8, "demo": 9, "siap": 10, "benchmarks": 10, "manage": 10,
}


def modul_sumber(akar: Path):
    """(path, dotted module name, is a package __init__) of every module checked."""
    for path in sorted(akar.rglob("*.py")):
        rel = path.relative_to(akar)
        bagian = rel.parts
        if bagian[0].startswith(".") or bagian[0] not in LAPIS and rel.stem not in LAPIS:
            continue
        if "tests" in bagian or "migrations" in bagian or rel.name == "conftest.py":
            continue
        nama = list(rel.with_suffix("").parts)
        paket = nama[-1] == "__init__"
        if paket:
            nama = nama[:-1]
        yield path, ".".join(nama), paket


def _tujuan(node: ast.ImportFrom, modul: str, paket: bool) -> str:
    if not node.level:
        return node.module or ""
    dasar = modul.split(".") if paket else modul.split(".")[:-1]
    if node.level > 1:
        dasar = dasar[: len(dasar) - (node.level - 1)]
    return ".".join([*dasar, *([node.module] if node.module else [])])


def impor(path: Path, modul: str, paket: bool):
    """(line, imported module, names imported from it or None) for every import statement."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, a.name, None
        elif isinstance(node, ast.ImportFrom):
            yield node.lineno, _tujuan(node, modul, paket), [a.name for a in node.names]


def _bagian_view(nama: str) -> bool:
    return nama == "views" or nama.startswith("views_")


def modul_view(modul: str) -> bool:
    return any(_bagian_view(b) for b in modul.split("."))


def boleh_impor_view(modul: str) -> bool:
    akhir = modul.split(".")[-1]
    return modul_view(modul) or akhir == "urls" or akhir.startswith("urls_")


def pelanggaran(akar: Path) -> list[str]:
    hasil = []
    for path, modul, paket in modul_sumber(akar):
        rel = path.relative_to(akar)
        lapis = LAPIS[modul.split(".")[0]]
        for baris, tujuan, nama in impor(path, modul, paket):
            tempat = f"{rel}:{baris}"
            app = tujuan.split(".")[0]
            if app in LAPIS and LAPIS[app] > lapis:
                hasil.append(f"{tempat}: {modul.split('.')[0]} (lapis {lapis}) mengimpor "
                             f"{tujuan} (lapis {LAPIS[app]})")
            if not boleh_impor_view(modul):
                view = [tujuan] if modul_view(tujuan) else []
                view += [f"{tujuan}.{n}" for n in nama or () if _bagian_view(n)]
                for v in view:
                    hasil.append(f"{tempat}: {modul} bukan view tetapi mengimpor modul view {v}")
            for n in nama or ():
                if n.startswith("_") and not n.startswith("__"):
                    hasil.append(f"{tempat}: {modul} mengimpor nama privat {n} dari {tujuan}")
    return hasil


def test_imports_run_one_way():
    assert pelanggaran(AKAR) == []


def test_every_app_has_a_layer():
    apps = {p.parent.name for p in AKAR.glob("*/apps.py")}
    assert apps <= set(LAPIS), f"app tanpa lapis di LAPIS: {sorted(apps - set(LAPIS))}"


@pytest.mark.parametrize(("berkas", "isi", "pesan"), [
    ("budget/x.py", "def f():\n    from reporting.models import LaporanBulanan\n",
     "budget (lapis 2) mengimpor reporting.models (lapis 4)"),
    ("reporting/x.py", "import evaluation.queries\n", "mengimpor evaluation.queries (lapis 5)"),
    ("evaluation/x.py", "from ..exchange import semua\n", "mengimpor exchange (lapis 6)"),
    ("evaluation/paket.py", "from .views import BarisOPD\n",
     "evaluation.paket bukan view tetapi mengimpor modul view evaluation.views"),
    ("reporting/tertunda.py", "from django.contrib.auth.views import redirect_to_login\n",
     "mengimpor modul view django.contrib.auth.views"),
    ("evaluation/paket.py", "from . import views_rakor\n", "modul view evaluation.views_rakor"),
    ("reporting/x.py", "from reporting.views.formulir_grid import grid\n",
     "modul view reporting.views.formulir_grid"),
    ("evaluation/telusur.py", "from .queries import _tabel\n",
     "mengimpor nama privat _tabel dari evaluation.queries"),
])
def test_the_check_sees_a_new_wrong_import(tmp_path, berkas, isi, pesan):
    path = tmp_path / berkas
    path.parent.mkdir(parents=True)
    path.write_text(isi, encoding="utf-8")
    hasil = pelanggaran(tmp_path)
    assert len(hasil) == 1 and pesan in hasil[0], hasil


@pytest.mark.parametrize(("berkas", "isi"), [
    ("evaluation/urls.py", "from . import views, views_rakor\n"),
    ("api/urls_halaman.py", "from . import views_token\n"),
    ("evaluation/views_rakor.py", "from .views import periode_halaman\n"),
    ("reporting/views/lembar.py", "from .formulir import tampilkan\n"),
    ("api/kinerja.py", "from kinerja.evaluasi import nilai_k\n"),
    ("budget/x.py", "from lib import figures\nfrom __future__ import annotations\n"),
    ("budget/tests/test_x.py", "from reporting.models import LaporanBulanan\n"),
    ("budget/migrations/0001_x.py", "from evaluation import queries\n"),
])
def test_the_check_lets_a_right_import_pass(tmp_path, berkas, isi):
    path = tmp_path / berkas
    path.parent.mkdir(parents=True)
    path.write_text(isi, encoding="utf-8")
    assert pelanggaran(tmp_path) == []


def _hanya_saat_periksa_tipe(node: ast.AST) -> bool:
    """``if TYPE_CHECKING:`` or ``if typing.TYPE_CHECKING:``."""
    uji = getattr(node, "test", None)
    return isinstance(node, ast.If) and (getattr(uji, "id", None) == "TYPE_CHECKING"
                                         or getattr(uji, "attr", None) == "TYPE_CHECKING")


def _impor_saat_jalan(pohon: ast.AST):
    """The import statements that run: everything but the body of ``if TYPE_CHECKING:``
    (its ``else:`` runs)."""
    for node in ast.iter_child_nodes(pohon):
        if _hanya_saat_periksa_tipe(node):
            for cabang in node.orelse:
                if isinstance(cabang, (ast.Import, ast.ImportFrom)):
                    yield cabang
                yield from _impor_saat_jalan(cabang)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _impor_saat_jalan(node)


def graf_impor(akar: Path) -> dict[str, set[str]]:
    """Module -> the modules of the project it imports (``from pkg import mod`` names ``mod``)."""
    modul = {m: (path, paket) for path, m, paket in modul_sumber(akar)}
    graf: dict[str, set[str]] = {m: set() for m in modul}
    for m, (path, paket) in modul.items():
        for node in _impor_saat_jalan(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                graf[m].update(a.name for a in node.names if a.name in modul)
                continue
            asal = _tujuan(node, m, paket)
            for a in node.names:
                if f"{asal}.{a.name}" in modul:
                    graf[m].add(f"{asal}.{a.name}")
                elif asal in modul:
                    graf[m].add(asal)
        graf[m].discard(m)
    return graf


def siklus(graf: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles: strongly connected groups of more than one module (Tarjan)."""
    indeks: dict[str, int] = {}
    rendah: dict[str, int] = {}
    tumpukan: list[str] = []
    hasil = []

    def kunjungi(v: str) -> None:
        indeks[v] = rendah[v] = len(indeks)
        tumpukan.append(v)
        for w in sorted(graf[v]):
            if w not in indeks:
                kunjungi(w)
                rendah[v] = min(rendah[v], rendah[w])
            elif w in tumpukan:
                rendah[v] = min(rendah[v], indeks[w])
        if rendah[v] == indeks[v]:
            grup = []
            while True:
                w = tumpukan.pop()
                grup.append(w)
                if w == v:
                    break
            if len(grup) > 1:
                hasil.append(sorted(grup))

    for v in sorted(graf):
        if v not in indeks:
            kunjungi(v)
    return hasil


def test_no_import_cycles():
    assert siklus(graf_impor(AKAR)) == []


def test_the_check_sees_a_cycle_hidden_in_a_function(tmp_path):
    berkas = {
        "exchange/__init__.py": "",
        "exchange/a.py": "from .b import f\nfrom . import e\n",
        "exchange/b.py": "def f():\n    from .a import g\n",
        "exchange/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import g\n",
        "exchange/d.py": "from . import c\n",
        "exchange/e.py": ("import typing\nif typing.TYPE_CHECKING:\n    from .a import g\n"
                          "else:\n    g = object\n"),
    }
    for nama, isi in berkas.items():
        (tmp_path / nama).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / nama).write_text(isi, encoding="utf-8")
    assert siklus(graf_impor(tmp_path)) == [["exchange.a", "exchange.b"]]


BARIS_PALING_BANYAK = 400


def test_no_source_file_over_400_lines():
    """Issue #14: a module a newcomer can read; migrations and tests aside."""
    panjang = [f"{path.relative_to(AKAR)} ({n})" for path, _, _ in modul_sumber(AKAR)
               if (n := len(path.read_text(encoding="utf-8").splitlines())) > BARIS_PALING_BANYAK]
    assert panjang == [], "split these modules: " + ", ".join(panjang)
