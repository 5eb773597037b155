"""Test helpers for users (as ``budget.testing`` for budget data): one way to make a user in a
test. The shared personas built on it are the fixtures of the root ``conftest.py``."""

from __future__ import annotations

from .models import User


def buat_pengguna(nama: str, peran: str, *opd, **lain) -> User:
    """A user with password "x" and role ``peran``, assigned to ``opd``."""
    u = User.objects.create_user(nama, password="x", peran=peran, **lain)
    if opd:
        u.opd.add(*opd)
    return u
