import pytest

from lib.env import EnvError, env_bool, env_int, env_list


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("true", True), ("YES", True), ("0", False),
                          ("false", False), ("", False)]:
        monkeypatch.setenv("X_BOOL", raw)
        assert env_bool("X_BOOL") is expected


def test_env_bool_fails_loudly_on_nonsense(monkeypatch):
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(EnvError, match="X_BOOL"):
        env_bool("X_BOOL")


def test_env_bool_uses_default_when_unset(monkeypatch):
    monkeypatch.delenv("X_BOOL", raising=False)
    assert env_bool("X_BOOL", True) is True


def test_env_int_checks_type_and_bounds(monkeypatch):
    monkeypatch.setenv("X_INT", "abc")
    with pytest.raises(EnvError, match="bukan bilangan bulat"):
        env_int("X_INT", 1)
    monkeypatch.setenv("X_INT", "0")
    with pytest.raises(EnvError, match="minimum"):
        env_int("X_INT", 1, minimum=1)
    monkeypatch.setenv("X_INT", "7")
    assert env_int("X_INT", 1, minimum=1, maximum=10) == 7


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("X_LIST", " a.example , b.example ,,")
    assert env_list("X_LIST") == ["a.example", "b.example"]
