"""Exact money aggregation on every database backend.

PostgreSQL sums ``numeric`` exactly. SQLite stores decimals as REAL, and Django reads them back
with 15 significant digits — too few for a pemda total such as 1.094.182.195.169,02 (16). So
money is summed as whole sen: each value is rounded to an integer number of sen (exact for any
line below 10^13 rupiah) and the integers are summed exactly by SQLite's 64-bit SUM.
"""

from decimal import Decimal

from django.db.models import Aggregate, BigIntegerField


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
