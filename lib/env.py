"""Typed readers for settings from environment variables.

Each helper fails loudly (``ImproperlyConfigured``-like ``ValueError`` naming the variable)
on a value it cannot read, instead of silently falling back to a default.
"""

import os

_TRUE = {"1", "true", "yes", "on", "ya"}
_FALSE = {"0", "false", "no", "off", "tidak", ""}


class EnvError(ValueError):
    pass


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise EnvError(f"{name}={raw!r} bukan nilai boolean (gunakan 1/0, true/false, yes/no)")


def env_int(name: str, default: int, *, minimum: int | None = None,
            maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise EnvError(f"{name}={raw!r} bukan bilangan bulat") from None
    if minimum is not None and value < minimum:
        raise EnvError(f"{name}={value} kurang dari batas minimum {minimum}")
    if maximum is not None and value > maximum:
        raise EnvError(f"{name}={value} melebihi batas maksimum {maximum}")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]
