"""``lib.tembolok.menurut_isi``: a value kept under the hash of its input, computed once even
when a second caller comes while the first is still computing it (the Rakor PDF prepared in
the background when the leader's download arrives)."""

import threading
import time

import pytest

from lib import tembolok

pytestmark = pytest.mark.usefixtures("tembolok_kosong")


def _di_latar(hasil: dict, nama: str, hitung, mulai: threading.Event) -> threading.Thread:
    def jalan():
        try:
            hasil[nama] = tembolok.menurut_isi(("uji-isi", 1), hitung, tunggu=10)
        except RuntimeError as exc:
            hasil[nama] = exc
    t = threading.Thread(target=jalan)
    t.start()
    assert mulai.wait(5)
    return t


def test_a_second_caller_waits_for_the_value_being_computed():
    mulai, dihitung, hasil = threading.Event(), [], {}

    def lambat():
        dihitung.append(threading.current_thread().name)
        mulai.set()
        time.sleep(0.5)
        return b"pdf"

    latar = _di_latar(hasil, "pertama", lambat, mulai)
    hasil["kedua"] = tembolok.menurut_isi(("uji-isi", 1), lambat, tunggu=10)
    latar.join()
    assert hasil == {"pertama": b"pdf", "kedua": b"pdf"}
    assert len(dihitung) == 1  # computed once, by the first


def test_a_caller_computes_itself_when_the_first_stops_without_a_value():
    mulai, hasil = threading.Event(), {}

    def gagal():
        mulai.set()
        time.sleep(0.3)
        raise RuntimeError("pekerja berhenti")

    latar = _di_latar(hasil, "pertama", gagal, mulai)
    awal = time.monotonic()
    assert tembolok.menurut_isi(("uji-isi", 1), lambda: b"sendiri", tunggu=10) == b"sendiri"
    latar.join()
    assert isinstance(hasil["pertama"], RuntimeError)
    assert time.monotonic() - awal < 5  # not the whole 10 s: the mark went with the failure


def test_without_tunggu_nobody_waits():
    mulai, hasil, dihitung = threading.Event(), {}, []

    def lambat():
        dihitung.append(1)
        mulai.set()
        time.sleep(0.3)
        return b"pdf"

    latar = _di_latar(hasil, "pertama", lambat, mulai)
    assert tembolok.menurut_isi(("uji-isi", 1), lambat) == b"pdf"
    latar.join()
    assert len(dihitung) == 2
