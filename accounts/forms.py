"""Forms of the user-management pages (Admin only)."""

import secrets

from django import forms
from django.contrib.auth import password_validation

from budget.models import PerangkatDaerah

from .models import ADMIN, PESAN_ADMIN_TERAKHIR, Peran, User

HURUF_SANDI = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def buat_kata_sandi(panjang: int = 14) -> str:
    """A random password for an admin to hand over once (no look-alike characters)."""
    while True:
        sandi = "".join(secrets.choice(HURUF_SANDI) for _ in range(panjang))
        if any(c.isdigit() for c in sandi) and any(c.isalpha() for c in sandi):
            return sandi


def admin_aktif_lain(kecuali: User):
    """Active admins (peran admin or superuser) other than ``kecuali``."""
    return User.objects.filter(ADMIN, is_active=True).exclude(pk=kecuali.pk)


class PilihanOpd(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.kode} — {obj.nama}"


class _PenggunaForm(forms.ModelForm):
    nama_lengkap = forms.CharField(label="Nama lengkap", max_length=150)
    opd = PilihanOpd(
        label="Perangkat daerah", required=False, widget=forms.CheckboxSelectMultiple,
        queryset=PerangkatDaerah.objects.order_by("kode"),
        help_text="Wajib untuk Operator OPD (sekurang-kurangnya satu); peran lain melihat semua "
                  "perangkat daerah dan tidak dikaitkan.",
    )

    class Meta:
        model = User
        fields = ["email", "peran", "jabatan", "opd"]
        labels = {"email": "Email (tidak wajib)", "peran": "Peran", "jabatan": "Jabatan"}

    def __init__(self, *args, pelaku: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.pelaku = pelaku
        if self.instance.pk:
            self.fields["nama_lengkap"].initial = self.instance.get_full_name()
        self.fields["email"].required = False

    def clean(self):
        data = super().clean()
        peran = data.get("peran")
        opd = data.get("opd")
        if peran == Peran.OPERATOR and not opd:
            self.add_error("opd", "Operator OPD harus dikaitkan dengan sekurang-kurangnya satu "
                                  "perangkat daerah.")
        elif peran and peran != Peran.OPERATOR and opd:
            self.add_error("opd", "Hanya Operator OPD yang dikaitkan dengan perangkat daerah; "
                                  "kosongkan pilihan untuk peran ini.")
        return data

    def _simpan_nama(self, user: User) -> None:
        user.first_name = self.cleaned_data["nama_lengkap"].strip()
        user.last_name = ""


class TambahPenggunaForm(_PenggunaForm):
    username = forms.RegexField(
        label="Nama pengguna", max_length=150, regex=r"^[\w.@+-]+\Z",
        help_text="Huruf, angka dan . @ + - _ saja, tanpa spasi.",
        error_messages={"invalid": "Nama pengguna hanya boleh berisi huruf, angka dan . @ + - _."},
    )
    kata_sandi = forms.CharField(
        label="Kata sandi awal", required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Kosongkan agar SIAP membuat kata sandi acak, yang ditampilkan sekali saja.",
    )

    field_order = ["username", "nama_lengkap", "email", "peran", "jabatan", "opd", "kata_sandi"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("Nama pengguna ini sudah dipakai.")
        return username

    def clean(self):
        data = super().clean()
        sandi = data.get("kata_sandi")
        if sandi:
            calon = User(username=data.get("username", ""), email=data.get("email", ""),
                         first_name=data.get("nama_lengkap", ""))
            try:
                password_validation.validate_password(sandi, calon)
            except forms.ValidationError as exc:
                self.add_error("kata_sandi", exc)
        return data

    def save(self, commit=True):
        user = super().save(commit=False)
        user.username = self.cleaned_data["username"]
        self._simpan_nama(user)
        self.sandi_dibuat = None
        if self.cleaned_data.get("kata_sandi"):
            user.set_password(self.cleaned_data["kata_sandi"])
        else:
            self.sandi_dibuat = buat_kata_sandi()
            user.set_password(self.sandi_dibuat)
        user.save()
        self.save_m2m()
        return user


class UbahPenggunaForm(_PenggunaForm):
    class Meta(_PenggunaForm.Meta):
        fields = ["email", "peran", "jabatan", "opd", "is_active"]
        labels = {**_PenggunaForm.Meta.labels, "is_active": "Aktif (boleh masuk)"}

    field_order = ["nama_lengkap", "email", "peran", "jabatan", "opd", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nama_lengkap"].required = False  # accounts made before this page may have none
        self.fields["is_active"].help_text = (
            "Hapus centang untuk menonaktifkan: pengguna tidak dapat masuk lagi, riwayatnya tetap "
            "tersimpan. Pengguna tidak pernah dihapus.")
        if self.instance.is_superuser:
            # A superuser is an Admin whatever peran was stored (createsuperuser leaves the
            # default); the form starts from the role the user really has.
            self.initial["peran"] = Peran.ADMIN
            self.fields["peran"].help_text = ("Superuser: peran selain Admin juga mencabut status "
                                              "superuser-nya.")

    def clean(self):
        data = super().clean()
        target = self.instance  # still as stored: the form copies its data onto it after clean()
        # The peran chosen here is the real role: a superuser set to another peran stops being
        # a superuser (save() below), so being one does not keep the admin role.
        tetap_admin = data.get("peran") == Peran.ADMIN and data.get("is_active")
        if target.pk == self.pelaku.pk and not data.get("is_active", True):
            self.add_error("is_active", "Anda tidak dapat menonaktifkan akun Anda sendiri.")
        elif (target.admin_aktif and not tetap_admin
              and not admin_aktif_lain(target).exists()):
            self.add_error(None, PESAN_ADMIN_TERAKHIR)
        return data

    @property
    def superuser_dicabut(self) -> bool:
        return self.instance.is_superuser and self.cleaned_data.get("peran") != Peran.ADMIN

    def save(self, commit=True):
        """May raise ``AdminTerakhir`` (the model's own check, under lock) when another admin
        was demoted in the meantime."""
        cabut = self.superuser_dicabut
        user = super().save(commit=False)
        self._simpan_nama(user)
        if cabut:
            user.is_superuser = False
        user.save()
        self.save_m2m()
        return user
