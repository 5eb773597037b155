"""Issue #13 in a real browser on the demo, served by `siap serve` with its background worker:
a user's own API token, a lockout by wrong passwords that the admin sees and lifts on the
user's page (with the tokens beside it), and the Rakor PDF made by a background job whose page
shows its progress and then the download. Screenshots of each page."""

import pytest

from .conftest import masuk

pytestmark = pytest.mark.e2e


@pytest.fixture
def tangkapan(tmp_path_factory):
    return tmp_path_factory.mktemp("keamanan-screenshot")


def test_token_lockout_and_unlock_on_the_user_page(peramban, halaman, tangkapan):
    masuk(halaman, "operator.pupr")
    halaman.get_by_role("link", name="Token API").click()
    halaman.get_by_role("button", name="Buat token baru").click()
    token = halaman.locator(".akun-sandi").inner_text().strip()
    assert len(token) >= 40
    halaman.screenshot(path=tangkapan / "token-saya.png", full_page=True)
    halaman.get_by_role("button", name="Keluar").click()

    for _ in range(5):
        halaman.goto("/masuk/")
        halaman.get_by_label("Nama pengguna").fill("operator.pupr")
        halaman.get_by_label("Kata sandi").fill("salah-sekali-2025")
        halaman.get_by_role("button", name="Masuk").click()
    assert "Akun terkunci sementara" in halaman.content()

    admin = peramban.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID",
                                 base_url=halaman.url.split("/masuk/")[0])
    a = admin.new_page()
    masuk(a, "admin")
    a.goto("/akun/pengguna/?q=operator.pupr")
    a.get_by_role("link", name="operator.pupr").first.click()
    assert "127.0.0.1" in a.locator("#judul-kunci + p + .tabel-wadah").inner_text()
    assert token[:8] in a.locator("section[aria-labelledby=judul-token]").inner_text()
    a.screenshot(path=tangkapan / "pengguna-token-kunci.png", full_page=True)
    a.get_by_role("button", name="Buka kunci").click()
    # The unlock is a POST answered by a redirect: wait for the message, not for content()
    # mid-navigation (which can be empty).
    a.get_by_text("Kunci masuk operator.pupr dibuka").wait_for()
    assert "Tidak terkunci" in a.content()
    admin.close()
    masuk(halaman, "operator.pupr")  # unlocked


def test_the_rakor_pdf_is_a_background_job_with_progress(halaman, tangkapan):
    masuk(halaman, "pimpinan")
    halaman.goto("/rakor/unduh/pdf/?tahun=2025&bulan=11")
    halaman.wait_for_url("**/tugas/**")
    assert "Bahan Rakor POP PDF" in halaman.locator("h1").inner_text()
    halaman.screenshot(path=tangkapan / "tugas-berjalan.png", full_page=True)
    unduh = halaman.get_by_role("link", name="Unduh rakor-pop-2025-11.pdf")
    unduh.wait_for(timeout=120_000)  # the poll replaces the status block when the job is done
    halaman.screenshot(path=tangkapan / "tugas-selesai.png", full_page=True)
    with halaman.expect_download() as unduhan:
        unduh.click()
    assert unduhan.value.suggested_filename == "rakor-pop-2025-11.pdf"
