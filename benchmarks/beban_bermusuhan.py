"""Hostile uploads against `siap serve`: does another user's page stay fast (issue #13)?

    .venv/bin/python benchmarks/beban_bermusuhan.py              # 30 s per phase
    .venv/bin/python benchmarks/beban_bermusuhan.py --detik 15

Builds a fresh SQLite demo in a temporary directory (as ``beban.py``) and starts `siap serve`
(gunicorn and the background worker). A verifikator's ``GET /laporan/`` — the page the probe of
issue #13 saw take 59 s — is measured by 2 clients, first alone, then while attackers upload in
a loop, each waiting for its answer:

- an OPD operator, into their own November 2026 report: lembar isian of 1.000.000 rows behind
  the operator's own identity, of 20 million blank rows, and of one 1,5 GB shared string;
- a second verifikator, through the import page (a background job, whose page is polled until
  the preview is there): import files of 5 million blank rows and of a 1,5 GB shared string.

Prints, per phase, the victim's requests, p50 and p99, and per hostile file the attacker's
uploads and the time each took to be refused; exits 1 when a hostile file was accepted or an
answer was an error.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from beban import ROOT, Hasil, Klien, jalankan  # noqa: E402

from exchange.tests import bermusuhan  # noqa: E402

SANDI = "beban-siap-2026"
SIAPKAN = """
from accounts.models import Peran, User
from budget.models import RincianAnggaran
opd = RincianAnggaran.objects.filter(tahun__tahun=2026).select_related("opd").first().opd
u, _ = User.objects.get_or_create(username="penyerang", defaults={"peran": Peran.OPERATOR})
u.set_password("%(s)s"); u.save(); u.opd.set([opd])
for nama in ("korban", "penyerang2"):
    v, _ = User.objects.get_or_create(username=nama, defaults={"peran": Peran.VERIFIKATOR})
    v.set_password("%(s)s"); v.save()
print(opd.pk, opd.kode, opd.nama)
"""
KOLOM_IMPOR = ("kode_opd", "kode_sub_kegiatan", "kode_sumber_dana", "kode_jenis_belanja",
               "bulan", "realisasi")


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unggah(k: Klien, path: str, medan: dict, berkas_medan: str, berkas: Path) -> tuple[int, str, dict]:
    """A multipart POST of ``berkas`` with the form fields ``medan``."""
    batas = secrets.token_hex(12)
    bagian = []
    for nama, nilai in medan.items():
        bagian.append(f'--{batas}\r\nContent-Disposition: form-data; name="{nama}"\r\n\r\n'
                      f"{nilai}\r\n".encode())
    bagian.append(f'--{batas}\r\nContent-Disposition: form-data; name="{berkas_medan}"; '
                  f'filename="{berkas.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                  .encode() + berkas.read_bytes() + b"\r\n")
    badan = b"".join(bagian) + f"--{batas}--\r\n".encode()
    conn = http.client.HTTPConnection("127.0.0.1", k.port, timeout=120)
    conn.request("POST", path, body=badan, headers={
        "Content-Type": f"multipart/form-data; boundary={batas}",
        "Cookie": "; ".join(f"{a}={b}" for a, b in k.cookie.items()),
        "Referer": f"http://127.0.0.1:{k.port}{path}", "Host": f"127.0.0.1:{k.port}"})
    r = conn.getresponse()
    isi = r.read().decode("utf-8", "replace")
    conn.close()
    return r.status, isi, dict(r.headers)


def serang(berhenti: threading.Event, catatan: dict, nama: str, langkah) -> None:
    """Repeat ``langkah()`` (one upload, until its refusal) until told to stop."""
    while not berhenti.is_set():
        t0 = time.perf_counter()
        try:
            hasil = langkah()
        except Exception as exc:  # noqa: BLE001 - an error is what the run reports
            hasil = (nama, f"galat: {type(exc).__name__}: {exc}")
        catatan.setdefault(nama, []).append((time.perf_counter() - t0, hasil))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--detik", type=float, default=30, help="lama tiap fase (bawaan 30)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="siap-bermusuhan-") as tmp:
        d = Path(tmp)
        env = dict(os.environ, DATABASE_URL=f"sqlite:///{d / 'b.sqlite3'}", DEBUG="0",
                   SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1,localhost",
                   SIAP_DATA_DIR=str(d), SIAP_2FA="0", PYTHONPATH=str(ROOT))
        siap = [sys.executable, "-m", "siap.cli"]
        print("== basis data demo baru di", d, flush=True)
        subprocess.run([*siap, "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*siap, "demo-data"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        opd_id, kode, nama_opd = subprocess.run(
            [*siap, "shell", "-c", SIAPKAN % {"s": SANDI}], cwd=ROOT, env=env, check=True,
            capture_output=True, text=True).stdout.strip().splitlines()[-1].split(maxsplit=2)

        print("== berkas bermusuhan", flush=True)
        from reporting.lembar import KOLOM_FISIK, KOLOM_REALISASI

        identitas = {"kode_opd": kode, "nama_opd": nama_opd.strip(), "tahun": 2026, "bulan": 11,
                     "revisi": 0}
        kr, kf = [k for k, _ in KOLOM_REALISASI], [k for k, _ in KOLOM_FISIK]
        lembar = {"lembar 1 juta baris": dict(baris=1_000_000),
                  "lembar 20 juta baris kosong": dict(baris_kosong=20_000_000),
                  "lembar teks 1,5 GB": dict(teks_mb=1500)}
        impor = {"impor 5 juta baris kosong": dict(baris_kosong=5_000_000),
                 "impor teks 1,5 GB": dict(teks_mb=1500)}
        berkas = {}
        for nama, kw in lembar.items():
            berkas[nama] = d / (nama.replace(" ", "_") + ".xlsx")
            bermusuhan.lembar_isian(berkas[nama], identitas, kr, kf, **kw)
        for nama, kw in impor.items():
            berkas[nama] = d / (nama.replace(" ", "_") + ".xlsx")
            bermusuhan.impor(berkas[nama], KOLOM_IMPOR, **kw)
        for nama, p in berkas.items():
            print(f"   {nama}: {p.stat().st_size / 1024:,.0f} KB", flush=True)

        port = port_bebas()
        log = open(d / "server.log", "w")  # noqa: SIM115 - closed in finally
        server = subprocess.Popen([*siap, "serve", "--bind", f"127.0.0.1:{port}"], cwd=ROOT,
                                  env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        catatan: dict[str, list] = {}
        try:
            for _ in range(1200):  # collectstatic runs first on a fresh directory
                try:
                    if Klien(port).minta("GET", "/masuk/")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.25)
            else:
                raise RuntimeError("server tidak menjawab:\n" + (d / "server.log").read_text())
            print(next((b for b in (d / "server.log").read_text().splitlines()
                        if b.startswith("SIAP melayani")), ""), flush=True)
            korban = [Klien(port) for _ in range(2)]
            for k in korban:
                k.masuk("korban", SANDI)
            operator, verif = Klien(port), Klien(port)
            operator.masuk("penyerang", SANDI)
            verif.masuk("penyerang2", SANDI)
            laporan = f"/laporan/{opd_id}/2026/11/"
            status, html, _ = operator.minta("GET", laporan)
            if status != 200:
                raise RuntimeError(f"{laporan}: HTTP {status}")
            csrf_op = operator.csrf(html)

            def langkah_lembar(nama):
                def unggah_lembar():
                    status, isi, _ = unggah(operator, laporan + "lembar-isian/",
                                            {"csrfmiddlewaretoken": csrf_op}, "lembar", berkas[nama])
                    return "ditolak" if status == 422 and "melebihi batas" in isi else f"HTTP {status}"
                return unggah_lembar

            def langkah_impor(nama):
                def unggah_impor():
                    _, html, _ = verif.minta("GET", "/impor/")
                    status, _, kepala = unggah(verif, "/impor/", {
                        "csrfmiddlewaretoken": verif.csrf(html), "jenis": "realisasi",
                        "tahun": "2025", "angka": "polos"}, "berkas", berkas[nama])
                    if status != 302:
                        return f"HTTP {status}"
                    for _ in range(600):  # the preview job's page, until its outcome
                        status, isi, _ = verif.minta("GET", kepala["Location"])
                        if "Menunggu giliran" not in isi and "Sedang dikerjakan" not in isi:
                            return "ditolak" if status == 422 and "melebihi batas" in isi \
                                else f"HTTP {status}"
                        time.sleep(0.5)
                    return "tidak selesai"
                return unggah_impor

            def minta_korban(k):
                return k.minta("GET", "/laporan/")[0]

            print(f"== fase 1: {args.detik:g} s, korban sendirian", flush=True)
            hasil = [jalankan("GET /laporan/ tanpa serangan", korban, minta_korban, args.detik)]
            berhenti = threading.Event()
            utas = [threading.Thread(target=serang, daemon=True, args=(
                berhenti, catatan, "lembar", _putar(langkah_lembar, lembar)))]
            utas.append(threading.Thread(target=serang, daemon=True, args=(
                berhenti, catatan, "impor", _putar(langkah_impor, impor))))
            for u in utas:
                u.start()
            print(f"== fase 2: {args.detik:g} s, dengan unggahan bermusuhan", flush=True)
            hasil.append(jalankan("GET /laporan/ saat diserang", korban, minta_korban,
                                  args.detik))
            berhenti.set()
            for u in utas:
                u.join(timeout=180)
        finally:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(server.pid, signal.SIGKILL)
            log.close()

    return _laporkan(hasil, catatan)


def _putar(buat, daftar: dict):
    """One upload per call, going round the hostile files; the outcome names the file."""
    urutan = list(daftar)
    langkah = {nama: buat(nama) for nama in urutan}
    i = [0]

    def satu():
        nama = urutan[i[0] % len(urutan)]
        i[0] += 1
        return nama, langkah[nama]()
    return satu


def _laporkan(hasil: list[Hasil], catatan: dict) -> int:
    print()
    print(f"{'halaman korban':32} {'permintaan':>10} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'galat':>6}")
    for h in hasil:
        print(f"{h.nama:32} {len(h.latensi):>10} {h.rps:>7.1f} {h.persentil(50):>8.1f} "
              f"{h.persentil(99):>8.1f} {h.galat:>6}")
    print()
    print(f"{'berkas bermusuhan':32} {'unggahan':>8} {'ditolak':>8} {'terlama s':>10}")
    buruk = sum(h.galat for h in hasil)
    per_berkas: dict[str, list] = {}
    for daftar in catatan.values():
        for detik, (nama, hasil_) in daftar:
            per_berkas.setdefault(nama, []).append((detik, hasil_))
    for nama, daftar in sorted(per_berkas.items()):
        ditolak = sum(1 for _, h in daftar if h == "ditolak")
        buruk += len(daftar) - ditolak
        print(f"{nama:32} {len(daftar):>8} {ditolak:>8} {max(t for t, _ in daftar):>10.1f}")
        for _, h in daftar:
            if h != "ditolak":
                print(f"  {nama}: {h}")
    print(f"\nmesin: {os.cpu_count()} inti, Python {sys.version.split()[0]}, rata-rata beban "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if buruk else 0


if __name__ == "__main__":
    sys.exit(main())
