"""Secure serving: the deployment check, the security headers, and templates the Content
Security Policy can allow (no inline script, style or event handler anywhere)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


def _siap(*args, tmp_path, **env):
    bersih = {k: v for k, v in os.environ.items()
              if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SIAP_HTTPS",
                           "DJANGO_SETTINGS_MODULE")}
    bersih.update(SIAP_DATA_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "-m", "siap.cli", *args], cwd=ROOT, env=bersih,
                          capture_output=True, text=True, timeout=120)


def test_the_deployment_check_is_clean_with_production_settings(tmp_path):
    r = _siap("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, DEBUG="0",
              SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="siap.lampungbaratkab.go.id",
              SIAP_HTTPS="1")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout + r.stderr
    assert "WARNING" not in r.stdout + r.stderr


def test_without_https_the_deployment_check_names_what_is_missing(tmp_path):
    r = _siap("check", "--deploy", tmp_path=tmp_path, DEBUG="0",
              SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="siap.lampungbaratkab.go.id")
    out = r.stdout + r.stderr
    for kode in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert kode in out


def test_a_bad_https_value_fails_loudly(tmp_path):
    r = _siap("check", tmp_path=tmp_path, DEBUG="1", SIAP_HTTPS="kadang")
    assert r.returncode != 0
    assert "SIAP_HTTPS='kadang' bukan nilai boolean" in r.stderr


def test_https_turns_every_secure_transport_setting_on_together(tmp_path):
    kode = ("from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
            "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
            "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_PROXY_SSL_HEADER)")
    r = _siap("shell", "-c", kode, tmp_path=tmp_path, DEBUG="1", SIAP_HTTPS="1")
    assert r.stdout.strip().splitlines()[-1] == (
        "True True True 31536000 True ('HTTP_X_FORWARDED_PROTO', 'https')")
    r = _siap("shell", "-c", kode, tmp_path=tmp_path, DEBUG="1")
    assert r.stdout.strip().splitlines()[-1] == "False False False 0 False None"


def _header_keamanan(r):
    # django-csp does not keep the directives' order; the policy is the same in any order.
    assert set(r["Content-Security-Policy"].split("; ")) == set(CSP.split("; "))
    assert r["Referrer-Policy"] == "same-origin"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["X-Frame-Options"] == "DENY"
    assert "camera=()" in r["Permissions-Policy"]
    assert "geolocation=()" in r["Permissions-Policy"]


@pytest.mark.django_db
def test_the_login_page_carries_the_security_headers(client):
    r = client.get(reverse("login"))
    assert r.status_code == 200
    _header_keamanan(r)


@pytest.mark.django_db
def test_the_dashboard_carries_the_security_headers(client, pimpinan):
    client.force_login(pimpinan)
    r = client.get(reverse("evaluation:dasbor"))
    assert r.status_code == 200
    _header_keamanan(r)


# What a strict CSP refuses: a <script> without src, a style="" attribute or <style> element,
# an on…= event handler, a javascript: URL. SVG presentation attributes (fill=, stroke=) are fine.
LARANGAN = {
    "skrip sebaris": re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.I),
    "atribut style": re.compile(r"\sstyle\s*=", re.I),
    "elemen <style>": re.compile(r"<style\b", re.I),
    "penangan on…=": re.compile(r"\son[a-z]+\s*=", re.I),
    "URL javascript:": re.compile(r"javascript:", re.I),
}


def _templat():
    return sorted(p for p in ROOT.glob("**/templates/**/*.html")
                  if ".venv" not in p.parts and "node_modules" not in p.parts)


def test_the_template_scan_finds_the_templates():
    nama = {p.relative_to(ROOT).as_posix() for p in _templat()}
    assert "siap/templates/base.html" in nama
    assert "accounts/templates/registration/login.html" in nama


@pytest.mark.parametrize("contoh,jenis", [
    ('<script>alert(1)</script>', "skrip sebaris"),
    ('<p style="color:red">', "atribut style"),
    ('<button onclick="x()">', "penangan on…="),
    ('<a href="javascript:x()">', "URL javascript:"),
])
def test_the_template_scan_recognises_each_violation(contoh, jenis):
    assert LARANGAN[jenis].search(contoh)
    assert not LARANGAN[jenis].search('<script src="/static/a.js" defer></script><rect fill="#c00">')


def test_no_template_has_inline_script_style_or_event_handlers():
    pelanggaran = []
    for p in _templat():
        teks = p.read_text(encoding="utf-8")
        for jenis, pola in LARANGAN.items():
            for m in pola.finditer(teks):
                baris = teks.count("\n", 0, m.start()) + 1
                pelanggaran.append(f"{p.relative_to(ROOT)}:{baris}: {jenis}: {m.group(0)!r}")
    assert not pelanggaran, "Ditolak oleh Content-Security-Policy:\n" + "\n".join(pelanggaran)
