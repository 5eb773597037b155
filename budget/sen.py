"""Exact money aggregation on every database backend.

PostgreSQL sums ``numeric`` exactly. SQLite stores decimals as REAL, and Django reads them back
with 15 significant digits — too few for a pemda total such as 1.094.182.195.169,02 (16). So
money is summed as whole sen: each value is rounded to an integer number of sen (exact for any
line below 10^13 rupiah) and the integers are summed exactly by SQLite's 64-bit SUM.
"""

from decimal import Decimal

from django.db import connection
from django.db.models import Aggregate, BigIntegerField, Func
from django.db.models.functions import Round


class SumSen(Aggregate):
    """SUM of a money expression as a whole number of sen (an ``int``)."""

    function = "SUM"
    name = "SumSen"
    template = "%(function)s(CAST(ROUND((%(expressions)s) * 100) AS INTEGER))"
    output_field = BigIntegerField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection,
            template="CAST(%(function)s(%(expressions)s) * 100 AS BIGINT)",
            **extra_context,
        )


def sen_ke_rupiah(sen: int | None) -> Decimal:
    """12345 -> Decimal('123.45'); None (no rows) -> Decimal('0.00')."""
    return (Decimal(sen or 0) / 100).quantize(Decimal("0.01"))


def sen_dari_rupiah(nilai: Decimal) -> int:
    """Decimal('123.45') -> 12345 (rounded half even to a whole sen)."""
    return int((Decimal(nilai) * 100).to_integral_value())


def ekspresi_sen(expr) -> Func:
    """A money expression in whole sen, to compare money exactly on PostgreSQL's numeric and
    on SQLite's REAL alike."""
    return Round(expr * 100)


def sql_sen(kolom: str) -> str:
    """SQL for a money column as a whole number of sen (see ``budget.sen``)."""
    if connection.vendor == "postgresql":
        return f"CAST({kolom} * 100 AS BIGINT)"
    return f"CAST(ROUND({kolom} * 100) AS INTEGER)"


def sql_jumlah_sen(kolom: str) -> str:
    """SQL for the SUM of a money column as a whole number of sen. PostgreSQL adds
    ``numeric`` exactly and converts once per group; SQLite (REAL storage) converts each
    value to sen first, then adds the integers exactly."""
    if connection.vendor == "postgresql":
        return f"CAST(SUM({kolom}) * 100 AS BIGINT)"
    return f"SUM(CAST(ROUND({kolom} * 100) AS INTEGER))"
