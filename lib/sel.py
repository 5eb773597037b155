"""Safe text cells for spreadsheets (CSV/XLSX exports)."""

_PEMICU_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def sel_aman(teks: str) -> str:
    """Neutralise formula injection: a text cell that a spreadsheet would read as a formula
    (starting with = + - @, tab or carriage return) is prefixed with an apostrophe."""
    if teks and teks.startswith(_PEMICU_RUMUS):
        return "'" + teks
    return teks
