"""Load test: `siap serve` on 127.0.0.1 under concurrent clients, against the demo.

    .venv/bin/python benchmarks/beban.py                 # 30 s per scenario, 16 clients
    .venv/bin/python benchmarks/beban.py --detik 10 --klien 8 --workers 3

Builds a fresh SQLite demo database in a temporary directory, starts the production server
(gunicorn through `siap serve`, DEBUG off), logs every client in with its own session, then runs
each scenario for a bounded time with that many concurrent clients:

- ``halaman ringan``: the login page (anonymous GET: a template and a CSRF token, no query) —
  the trivial page the others are compared with;
- ``dasbor rakor``: the Rakor dashboard at 2025/11 as ``pimpinan``;
- ``formulir laporan``: an OPD's monthly report page as its operator, in the month the demo's
  operators are reporting today (the one after the last month due: November on 6 December 2026);
- ``opd rincian``: an OPD's page (its figures, sub kegiatan, Kurva S, index and projection)
  at 2025/11 as ``pimpinan``, each client on a different OPD;
- ``simpan laporan``: saving that report (a POST of the whole grid with its revision), each
  client the operator of a different OPD — as in reality, where each OPD saves its own report.

Each scenario first runs ``--panas`` seconds (default 2) that are not counted: every server
process then has its code, templates and the kept figures of the current data version loaded,
so the figures are those of a server in use, not of its first second after a start (a write
in use makes the next request recompute once; the tests of lib/tembolok.py cover that path).

Prints requests, requests/s, p50 and p99 latency and the error count per scenario, and the ratio
of each to the trivial page. Exits 1 on any error (a non-2xx/3xx answer or a failed request).
Standard library only; the clients are threads, so on a small machine they compete with the
server for the CPU (the figures are the whole machine's, clients included).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SANDI_DEMO = "siap-demo-2025"
SANDI_BEBAN = "beban-siap-2026"

BUAT_OPERATOR = """
from django.utils import timezone
from accounts.models import Peran, User
from demo.jadwal import bulan_terbuka, sekarang_demo
from budget.models import PerangkatDaerah, RincianAnggaran
tahun, bulan = bulan_terbuka(sekarang_demo(timezone.localdate()))
print(f"terbuka {{tahun}} {{bulan}}")
ids = sorted(set(RincianAnggaran.objects.filter(tahun__tahun=tahun).values_list("opd_id", flat=True)))
for i, opd_id in enumerate(ids[:{n}]):
    u, _ = User.objects.get_or_create(username=f"beban{{i}}", defaults={{"peran": Peran.OPERATOR}})
    u.set_password("{sandi}"); u.save(); u.opd.set([opd_id])
    print(f"beban{{i}} {{opd_id}}")
"""


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Klien:
    """One browser: its own connection and cookies, no redirects followed."""

    def __init__(self, port: int):
        self.port = port
        self.cookie: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def minta(self, metode: str, path: str, data: dict | None = None) -> tuple[int, str, dict]:
        badan = urlencode(data, doseq=True) if data is not None else None
        kepala = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookie.items()),
                  "Host": f"127.0.0.1:{self.port}"}
        if badan is not None:
            kepala["Content-Type"] = "application/x-www-form-urlencoded"
            kepala["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        for percobaan in (1, 2):
            try:
                self.conn.request(metode, path, body=badan, headers=kepala)
                resp = self.conn.getresponse()
                isi = resp.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, ConnectionError):
                # gunicorn closes idle keep-alive connections; reconnect once
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if percobaan == 2:
                    raise
        for nilai in resp.headers.get_all("Set-Cookie") or []:
            nama, _, sisa = nilai.partition("=")
            self.cookie[nama.strip()] = sisa.split(";", 1)[0]
        return resp.status, isi, dict(resp.headers)

    def csrf(self, html: str) -> str:
        m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not m:
            raise RuntimeError("token CSRF tidak ditemukan")
        return m.group(1)

    def masuk(self, username: str, sandi: str) -> None:
        _, html, _ = self.minta("GET", "/masuk/")
        status, _, kepala = self.minta("POST", "/masuk/", {
            "csrfmiddlewaretoken": self.csrf(html), "username": username, "password": sandi})
        if status != 302:
            raise RuntimeError(f"login {username} gagal: HTTP {status}")


@dataclass
class Hasil:
    nama: str
    durasi: float = 0.0
    latensi: list[float] = field(default_factory=list)
    galat: int = 0
    contoh_galat: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return len(self.latensi) / self.durasi if self.durasi else 0.0

    def persentil(self, p: float) -> float:
        if not self.latensi:
            return float("nan")
        urut = sorted(self.latensi)
        return urut[min(len(urut) - 1, int(round(p / 100 * (len(urut) - 1))))] * 1000


def jalankan(nama: str, klien: list[Klien], langkah, detik: float) -> Hasil:
    """Every client repeats ``langkah(klien)`` until the time is up; latencies are recorded."""
    hasil = Hasil(nama)
    kunci = threading.Lock()
    batas = time.monotonic() + detik
    mulai_bersama = threading.Barrier(len(klien) + 1)

    def kerja(k: Klien):
        mulai_bersama.wait()
        while time.monotonic() < batas:
            t0 = time.perf_counter()
            try:
                status = langkah(k)
                ok = 200 <= status < 400
                alasan = f"HTTP {status}"
            except Exception as e:  # noqa: BLE001 - every failure is an error to count
                ok, alasan = False, f"{type(e).__name__}: {e}"
            dt = time.perf_counter() - t0
            with kunci:
                if ok:
                    hasil.latensi.append(dt)
                else:
                    hasil.galat += 1
                    if len(hasil.contoh_galat) < 5:
                        hasil.contoh_galat.append(alasan)

    utas = [threading.Thread(target=kerja, args=(k,), daemon=True) for k in klien]
    for u in utas:
        u.start()
    mulai_bersama.wait()
    t0 = time.monotonic()
    for u in utas:
        u.join()
    hasil.durasi = time.monotonic() - t0
    return hasil


class Formulir:
    """The report form of one OPD, as its operator's browser holds it."""

    def __init__(self, klien: Klien, path: str):
        self.klien = klien
        self.path = path
        status, html, _ = klien.minta("GET", self.path)
        if status != 200:
            raise RuntimeError(f"{self.path}: HTTP {status}")
        self.data = {"csrfmiddlewaretoken": klien.csrf(html), "aksi": "simpan"}
        for nama, nilai in re.findall(r'name="((?:r|f)-\d+|revisi)"[^>]*?value="([^"]*)"', html):
            self.data[nama] = unescape(nilai)
        if "revisi" not in self.data or not any(k.startswith("r-") for k in self.data):
            raise RuntimeError(f"{self.path}: isian formulir tidak ditemukan")

    def simpan(self) -> int:
        status, _, _ = self.klien.minta("POST", self.path, self.data)
        if status == 302:
            self.data["revisi"] = str(int(self.data["revisi"]) + 1)
        return status


def siapkan(dir_data: Path, klien_n: int) -> tuple[dict[str, str], list[tuple[str, int]], str]:
    """The server's environment, the operators (username, OPD id) and the open month as
    ``tahun/bulan``."""
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": f"sqlite:///{dir_data / 'beban.sqlite3'}",
        "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "SIAP_DATA_DIR": str(dir_data),
        "SIAP_2FA": "0", "PYTHONPATH": str(ROOT),
    })
    siap = [sys.executable, "-m", "siap.cli"]
    print("== basis data demo baru di", dir_data, flush=True)
    subprocess.run([*siap, "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*siap, "demo-data"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    keluar = subprocess.run(
        [*siap, "shell", "-c", BUAT_OPERATOR.format(n=klien_n, sandi=SANDI_BEBAN)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    operator = [(u, int(o)) for u, o in (b.split() for b in keluar.splitlines() if b.startswith("beban"))]
    _, tahun, bulan = next(b for b in keluar.splitlines() if b.startswith("terbuka")).split()
    return env, operator, f"{tahun}/{bulan}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--detik", type=float, default=30, help="lama tiap skenario (bawaan 30)")
    ap.add_argument("--klien", type=int, default=16, help="klien serentak (bawaan 16)")
    ap.add_argument("--panas", type=float, default=2,
                    help="pemanasan tiap skenario, tidak dihitung (bawaan 2; 0: tanpa)")
    ap.add_argument("--workers", type=int, default=None, help="pekerja gunicorn (bawaan: siap serve)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="siap-beban-") as tmp:
        env, operator, periode = siapkan(Path(tmp), args.klien)
        if len(operator) < args.klien:
            print(f"hanya {len(operator)} perangkat daerah berpagu di {periode}", file=sys.stderr)
            return 1
        port = _port_bebas()
        perintah = [sys.executable, "-m", "siap.cli", "serve", "--bind", f"127.0.0.1:{port}"]
        if args.workers:
            perintah += ["--workers", str(args.workers)]
        log = open(Path(tmp) / "server.log", "w")  # noqa: SIM115 - closed in finally
        server = subprocess.Popen(perintah, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        try:
            for _ in range(1200):  # collectstatic on a busy machine can take minutes
                try:
                    if Klien(port).minta("GET", "/masuk/")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.25)
            else:
                raise RuntimeError("server tidak menjawab:\n" + Path(tmp, "server.log").read_text())
            print(Path(tmp, "server.log").read_text().strip().splitlines()[-1], flush=True)

            anonim = [Klien(port) for _ in range(args.klien)]
            pimpinan = [Klien(port) for _ in range(args.klien)]
            for k in pimpinan:
                k.masuk("pimpinan", SANDI_DEMO)
            operator_klien = []
            for username, opd_id in operator[: args.klien]:
                k = Klien(port)
                k.masuk(username, SANDI_BEBAN)
                operator_klien.append((k, opd_id))
            peta_path = {id(k): f"/laporan/{o}/{periode}/" for k, o in operator_klien}
            formulir = [Formulir(k, peta_path[id(k)]) for k, _ in operator_klien]
            peta_form = {id(f.klien): f for f in formulir}
            # The OPD page at 2025/11, each leader on a different OPD's page.
            peta_opd = {id(k): f"/opd/{o}/?tahun=2025&bulan=11"
                        for k, (_, o) in zip(pimpinan, operator, strict=False)}
            klien_op = [k for k, _ in operator_klien]

            skenario = [
                ("halaman ringan (GET /masuk/)", anonim, lambda k: k.minta("GET", "/masuk/")[0]),
                ("dasbor rakor 2025/11", pimpinan,
                 lambda k: k.minta("GET", "/?tahun=2025&bulan=11")[0]),
                ("formulir laporan (GET)", klien_op, lambda k: k.minta("GET", peta_path[id(k)])[0]),
                ("opd rincian 2025/11", pimpinan,
                 lambda k: k.minta("GET", peta_opd[id(k)])[0]),
                ("simpan laporan (POST)", klien_op, lambda k: peta_form[id(k)].simpan()),
            ]
            hasil = []
            for nama, kelompok, langkah in skenario:
                print(f"== {nama}: {args.klien} klien, {args.panas:g} s pemanasan + "
                      f"{args.detik:g} s", flush=True)
                if args.panas:
                    jalankan(nama, kelompok, langkah, args.panas)  # not counted: see --panas
                hasil.append(jalankan(nama, kelompok, langkah, args.detik))
        finally:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(server.pid, signal.SIGKILL)
            log.close()

    dasar = hasil[0]
    print()
    print(f"{'skenario':32} {'permintaan':>10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'galat':>6}"
          f" {'p50/ringan':>11} {'req/s/ringan':>13}")
    for h in hasil:
        print(f"{h.nama:32} {len(h.latensi):>10} {h.rps:>8.1f} {h.persentil(50):>8.1f} "
              f"{h.persentil(99):>8.1f} {h.galat:>6} {h.persentil(50) / dasar.persentil(50):>10.1f}x "
              f"{h.rps / dasar.rps:>12.2f}x")
    galat = sum(h.galat for h in hasil)
    for h in hasil:
        for g in h.contoh_galat:
            print(f"  galat {h.nama}: {g}")
    print(f"\nmesin: {os.cpu_count()} inti, Python {sys.version.split()[0]}, rata-rata beban "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if galat:
        print(f"GAGAL: {galat} galat", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
