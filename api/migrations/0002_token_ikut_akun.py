"""Tokens follow the account (issue #13): an expiry (existing tokens: 90 days after they were
made), the reason of a revocation, and the second-factor device of the issuing session."""

import datetime

import django.db.models.deletion
from django.db import migrations, models


def isi_kedaluwarsa(apps, schema_editor):
    TokenAPI = apps.get_model("api", "TokenAPI")  # noqa: N806
    for t in TokenAPI.objects.filter(kedaluwarsa_pada__isnull=True).only("pk", "dibuat_pada"):
        TokenAPI.objects.filter(pk=t.pk).update(
            kedaluwarsa_pada=t.dibuat_pada + datetime.timedelta(days=90))


class Migration(migrations.Migration):

    dependencies = [
        ("api", "0001_initial"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [
        migrations.AddField(
            model_name="tokenapi", name="kedaluwarsa_pada",
            field=models.DateTimeField(null=True, verbose_name="kedaluwarsa"),
        ),
        migrations.RunPython(isi_kedaluwarsa, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="tokenapi", name="kedaluwarsa_pada",
            field=models.DateTimeField(verbose_name="kedaluwarsa"),
        ),
        migrations.AddField(
            model_name="tokenapi", name="dicabut_karena",
            field=models.CharField(blank=True, max_length=200, verbose_name="alasan dicabut"),
        ),
        migrations.AddField(
            model_name="tokenapi", name="perangkat",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to="otp_totp.totpdevice",
                                    verbose_name="perangkat dua langkah"),
        ),
    ]
