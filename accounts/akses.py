"""Who may see which perangkat daerah, and who may act — the one access module every view,
the API and the Rakor pages ask.

DESIGN.md: an operator must never see or change another OPD's data, whatever URL, form field
or API call they try. Views therefore never filter by role themselves; they ask here. Every
helper answers with a queryset, an object, a yes/no, or raises 404/403 — never ``None`` for
"every OPD":

- ``opd_terlihat(user)``: the OPD ``user`` may see, always a queryset;
- ``saring_opd(user, qs)``: any queryset narrowed to those OPD (untouched for a reader);
- ``cakupan_opd(user)``: the same rule for rows already in memory (``opd_id in cakupan``);
- ``opd_atau_404(user, opd_id | kode=…)`` and ``dalam_cakupan_atau_404(user, qs, …)``:
  the object, or 404 — another OPD's operator learns nothing, not even that it exists;
- ``boleh_verifikasi`` / ``wajib_verifikator`` / ``hanya_verifikator`` and ``boleh_mengisi`` /
  ``wajib_boleh_mengisi``: the roles (``User.boleh_verifikasi``, ``User.boleh_mengisi``), safe
  for an anonymous user, 403 where required.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from budget.models import PerangkatDaerah

PESAN_KODE_OPD = "Perangkat daerah dengan kode itu tidak ditemukan."
PESAN_MENGISI = "Hanya operator perangkat daerah ini yang dapat mengisi laporan."
PESAN_VERIFIKATOR = "Hanya verifikator yang dapat memverifikasi atau mengembalikan laporan."


def _masuk(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def lihat_semua(user) -> bool:
    """Verifikator, pimpinan and admin see every OPD; an operator or a visitor does not."""
    return _masuk(user) and user.lihat_semua_opd


def terbatas(user) -> bool:
    """Whether ``user`` sees only some OPD (their own), so pages show the narrowed view."""
    return not lihat_semua(user)


def opd_terlihat(user) -> QuerySet[PerangkatDaerah]:
    """The OPD ``user`` may see: every OPD for verifikator, pimpinan and admin; the operator's
    own OPD otherwise — none for an anonymous user or an operator not yet assigned to any OPD,
    so a forgotten assignment shows nothing rather than everything."""
    if not _masuk(user):
        return PerangkatDaerah.objects.none()
    if user.lihat_semua_opd:
        return PerangkatDaerah.objects.all()
    return PerangkatDaerah.objects.filter(operator=user)


def saring_opd(user, qs: QuerySet, kolom: str = "opd") -> QuerySet:
    """``qs`` narrowed to the rows whose ``kolom`` (an OPD foreign key, or ``"pk"`` for a
    queryset of OPD) is an OPD ``user`` may see; left as it is for a reader of every OPD."""
    if lihat_semua(user):
        return qs
    return qs.filter(**{f"{kolom}__in": opd_terlihat(user)})


@dataclass(frozen=True)
class CakupanOPD:
    """The OPD a user may see, for rows already in memory: ``opd_id in cakupan``."""

    semua: bool
    id: frozenset[int] = frozenset()

    def __contains__(self, opd_id) -> bool:
        return self.semua or opd_id in self.id

    @property
    def terbatas(self) -> bool:
        return not self.semua


def cakupan_opd(user) -> CakupanOPD:
    """``opd_terlihat`` as ids: no query for a reader of every OPD, one for an operator."""
    if lihat_semua(user):
        return CakupanOPD(semua=True)
    return CakupanOPD(semua=False, id=frozenset(opd_terlihat(user).values_list("pk", flat=True)))


def opd_atau_404(user, opd_id: int | None = None, *, kode: str | None = None) -> PerangkatDaerah:
    """The OPD ``opd_id`` (or the one coded ``kode``) if ``user`` may see it, else 404."""
    if kode is None:
        return get_object_or_404(opd_terlihat(user), pk=opd_id)
    opd = opd_terlihat(user).filter(kode=kode).first()
    if opd is None:
        raise Http404(PESAN_KODE_OPD)
    return opd


def dalam_cakupan_atau_404(user, qs: QuerySet, kolom: str = "opd", **kunci) -> Model:
    """The one object of ``qs`` matching ``kunci`` whose OPD ``user`` may see, else 404."""
    return get_object_or_404(saring_opd(user, qs, kolom), **kunci)


def boleh_verifikasi(user) -> bool:
    """Verifikator or admin (``User.boleh_verifikasi``); never an anonymous user."""
    return _masuk(user) and user.boleh_verifikasi


def wajib_verifikator(user, pesan: str = PESAN_VERIFIKATOR) -> None:
    if not boleh_verifikasi(user):
        raise PermissionDenied(pesan)


def hanya_verifikator(pesan: str):
    """View decorator: 403 with ``pesan`` for everyone but the verifikator and the admin —
    checked before the HTTP method, so an operator learns nothing from any request."""

    def dekorator(view):
        @wraps(view)
        def periksa(request, *args, **kwargs):
            wajib_verifikator(request.user, pesan)
            return view(request, *args, **kwargs)

        return periksa

    return dekorator


def boleh_mengisi(user) -> bool:
    """Whether ``user`` may change the figures of an OPD already returned by ``opd_atau_404``:
    its operator (scoping has kept them to their own OPD) or an admin (``User.boleh_mengisi``)."""
    return _masuk(user) and user.boleh_mengisi


def wajib_boleh_mengisi(user) -> None:
    if not boleh_mengisi(user):
        raise PermissionDenied(PESAN_MENGISI)
