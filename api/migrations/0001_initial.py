import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TokenAPI",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("prefiks", models.CharField(max_length=8, verbose_name="awalan")),
                ("hash", models.CharField(max_length=64, unique=True, verbose_name="hash SHA-256")),
                ("dibuat_pada", models.DateTimeField(default=django.utils.timezone.now, verbose_name="dibuat")),
                ("terakhir_dipakai", models.DateTimeField(blank=True, null=True, verbose_name="terakhir dipakai")),
                ("dicabut_pada", models.DateTimeField(blank=True, null=True, verbose_name="dicabut")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="token_api", to=settings.AUTH_USER_MODEL, verbose_name="pengguna")),
            ],
            options={
                "verbose_name": "token API",
                "verbose_name_plural": "token API",
                "ordering": ["-dibuat_pada"],
            },
        ),
    ]
