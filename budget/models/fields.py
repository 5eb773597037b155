from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# Money: up to 10^18 rupiah with sen. Never float.
RUPIAH = {"max_digits": 20, "decimal_places": 2}


def RupiahField(verbose_name: str, **kwargs) -> models.DecimalField:  # noqa: N802
    kwargs.setdefault("default", 0)
    return models.DecimalField(
        verbose_name, validators=[MinValueValidator(0)], **RUPIAH, **kwargs
    )


def PersenField(verbose_name: str, **kwargs) -> models.DecimalField:  # noqa: N802
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        **kwargs,
    )


def BulanField(verbose_name: str = "bulan", **kwargs) -> models.PositiveSmallIntegerField:  # noqa: N802
    return models.PositiveSmallIntegerField(
        verbose_name,
        choices=[(i, i) for i in range(1, 13)],
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        **kwargs,
    )


def bulan_valid(name: str = "bulan") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(bulan__gte=1, bulan__lte=12), name=f"%(app_label)s_%(class)s_{name}_1_12"
    )
