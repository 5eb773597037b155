"""Money as whole sen: the one definition, for every database backend and for Python.

PostgreSQL sums ``numeric`` exactly. SQLite stores decimals as REAL, and Django reads them back
with 15 significant digits — too few for a pemda total such as 1.094.182.195.169,02 (16). So
money is summed as whole sen: each value is rounded to an integer number of sen (exact for any
line below 10^13 rupiah) and the integers are summed exactly by SQLite's 64-bit SUM.

Every conversion of rupiah to sen goes through this module: the ORM aggregate (``SumSen``),
the raw SQL of the Rakor queries (``sql_sen``, ``sql_jumlah_sen``), the database constraints
(``sen_ekspresi``) and Python (``rupiah_ke_sen``, ``sen_ke_rupiah``). The derived-table
triggers of ``budget/migrations/0005_pemicu_kumulatif.py`` hold the same rule frozen in their
SQL, as migrations must.
"""

from decimal import Decimal

from django.db import connection
from django.db.models import Aggregate, BigIntegerField
from django.db.models.functions import Round

SEN_PER_RUPIAH = 100


def sql_sen(kolom: str, vendor: str | None = None) -> str:
    """SQL for a money expression as a whole number of sen."""
    if (vendor or connection.vendor) == "postgresql":
        return f"CAST({kolom} * 100 AS BIGINT)"
    return f"CAST(ROUND({kolom} * 100) AS INTEGER)"


def sql_jumlah_sen(kolom: str, vendor: str | None = None) -> str:
    """SQL for the SUM of a money expression as a whole number of sen. PostgreSQL adds
    ``numeric`` exactly and converts once per group; SQLite (REAL storage) converts each
    value to sen first, then adds the integers exactly."""
    if (vendor or connection.vendor) == "postgresql":
        return f"CAST(SUM({kolom}) * 100 AS BIGINT)"
    return f"SUM({sql_sen(kolom, vendor or connection.vendor)})"


class SumSen(Aggregate):
    """SUM of a money expression as a whole number of sen (an ``int``)."""

    function = "SUM"
    name = "SumSen"
    template = sql_jumlah_sen("(%(expressions)s)", "sqlite")
    output_field = BigIntegerField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection,
                           template=sql_jumlah_sen("%(expressions)s", "postgresql"),
                           **extra_context)


def sen_ekspresi(expr):
    """A money expression in whole sen, for comparisons in constraints and queries: exact on
    PostgreSQL's numeric and on SQLite's REAL alike."""
    return Round(expr * SEN_PER_RUPIAH)


def rupiah_ke_sen(nilai: Decimal) -> int:
    """Decimal('123.45') -> 12345 (amounts are stored to the sen; nothing is lost)."""
    return int((Decimal(nilai) * SEN_PER_RUPIAH).to_integral_value())


def sen_ke_rupiah(sen: int | None) -> Decimal:
    """12345 -> Decimal('123.45'); None (no rows) -> Decimal('0.00')."""
    return (Decimal(sen or 0) / SEN_PER_RUPIAH).quantize(Decimal("0.01"))
