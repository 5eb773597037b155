"""The pemda's outcome indicators (``/kinerja/pemda/``) and the pemda's faktor for E.79
(``/kinerja/pemda/evaluasi/<tahun>/<tw>/``). Everyone signed in reads the indicators (they
are on the dashboard); only Bappeda (``kinerja.akses.boleh_kelola_pemda``) changes them.
The E.79 page lists no OPD data but belongs to the pemda's evaluation: leaders and Bappeda."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from budget.models import TahunAnggaran
from lib.periode import TRIWULAN_ROMAWI

from .akses import boleh_kelola_pemda, wajib_kelola_pemda, wajib_pembaca_pemda
from .forms import IndikatorPemdaForm, NilaiPemdaForm, TargetPemdaForm
from .models import EvaluasiTriwulan, IndikatorPemda, NilaiIndikatorPemda, TargetIndikatorPemda
from .pemda import panel
from .periode import baca_periode
from .triwulan import KOLOM_EVALUASI


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def daftar(request):
    periode = baca_periode(request.GET)
    form = IndikatorPemdaForm(prefix="baru")
    if request.method == "POST":
        wajib_kelola_pemda(request.user)
        form = IndikatorPemdaForm(request.POST, prefix="baru")
        if form.is_valid():
            with transaction.atomic():
                obj = form.save()
            messages.success(request, f"Indikator “{obj.nama}” ditambahkan.")
            return redirect(reverse("kinerja:pemda_ubah", args=[obj.pk]))
    return render(request, "kinerja/pemda.html", {
        **periode, "panel": panel(periode["tahun"], periode["bulan"]), "form": form,
        "bappeda": boleh_kelola_pemda(request.user),
    }, status=422 if form.errors else 200)


def _simpan_nilai(ind: IndikatorPemda, form: NilaiPemdaForm, user) -> None:
    d = form.cleaned_data
    obj = NilaiIndikatorPemda.objects.filter(indikator=ind, tahun=d["tahun"],
                                             bulan=d["bulan"]).first()
    obj = obj or NilaiIndikatorPemda(indikator=ind, tahun=d["tahun"], bulan=d["bulan"])
    obj.nilai, obj.keterangan = d["nilai"], d["keterangan"].strip()
    obj._history_user = user
    obj.save()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ubah(request, pk: int):
    wajib_kelola_pemda(request.user)
    ind = get_object_or_404(IndikatorPemda, pk=pk)
    form = IndikatorPemdaForm(instance=ind)
    form_target = TargetPemdaForm(prefix="target")
    form_nilai = NilaiPemdaForm(prefix="nilai")
    if request.method == "POST":
        aksi = request.POST.get("aksi")
        with transaction.atomic():
            if aksi == "indikator":
                form = IndikatorPemdaForm(request.POST, instance=ind)
                if form.is_valid():
                    form.save()
                    messages.success(request, "Indikator disimpan.")
                    return redirect(request.path)
            elif aksi == "target":
                form_target = TargetPemdaForm(request.POST, prefix="target")
                if form_target.is_valid():
                    d = form_target.cleaned_data
                    TargetIndikatorPemda.objects.update_or_create(
                        indikator=ind, tahun=d["tahun"], defaults={"target": d["target"]})
                    messages.success(request, f"Target {d['tahun']} disimpan.")
                    return redirect(request.path)
            elif aksi == "nilai":
                form_nilai = NilaiPemdaForm(request.POST, prefix="nilai")
                if form_nilai.is_valid():
                    _simpan_nilai(ind, form_nilai, request.user)
                    messages.success(request, "Nilai disimpan.")
                    return redirect(request.path)
            elif aksi == "hapus_nilai":
                obj = get_object_or_404(NilaiIndikatorPemda, indikator=ind,
                                        pk=request.POST.get("nilai_id") or 0)
                obj._history_user = request.user
                obj.delete()
                messages.success(request, "Nilai dihapus.")
                return redirect(request.path)
            elif aksi == "hapus_indikator":
                nama = ind.nama
                ind.delete()
                messages.success(request, f"Indikator “{nama}” dihapus.")
                return redirect(reverse("kinerja:pemda"))
    return render(request, "kinerja/pemda_ubah.html", {
        "ind": ind, "form": form, "form_target": form_target, "form_nilai": form_nilai,
        "target": ind.target.order_by("-tahun"), "nilai": ind.nilai.order_by("-tahun", "-bulan"),
    }, status=422 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def evaluasi(request, tahun: int, triwulan: int):
    wajib_pembaca_pemda(request.user)
    ta = TahunAnggaran.objects.filter(tahun=tahun).first()
    if ta is None or triwulan not in (1, 2, 3, 4):
        raise Http404("Tahun anggaran atau triwulan tidak dikenal.")
    ev = EvaluasiTriwulan.objects.filter(tahun=ta, opd=None, triwulan=triwulan).first()
    if request.method == "POST":
        wajib_kelola_pemda(request.user)
        with transaction.atomic():
            ev = (EvaluasiTriwulan.objects.select_for_update()  # no join: PostgreSQL locks
                  .filter(tahun=ta, opd=None, triwulan=triwulan).order_by("pk").first()
                  or EvaluasiTriwulan(tahun=ta, opd=None, triwulan=triwulan))
            for k in KOLOM_EVALUASI[:4]:
                setattr(ev, k, request.POST.get(k, "")[:4000].strip())
            ev.revisi += 1
            ev.diubah_oleh = ev._history_user = request.user
            ev.save()
        messages.success(request, f"Evaluasi RKPD TW {TRIWULAN_ROMAWI[triwulan - 1]} {tahun} "
                                  f"disimpan.")
        return redirect(request.path)
    return render(request, "kinerja/evaluasi_pemda.html", {
        "tahun": tahun, "tw": triwulan, "romawi": TRIWULAN_ROMAWI[triwulan - 1], "ev": ev,
        "bappeda": boleh_kelola_pemda(request.user),
        "periode": f"tahun={tahun}&triwulan={triwulan}",
        "triwulan_lain": [(r, reverse("kinerja:evaluasi_pemda", args=[tahun, i]))
                          for i, r in enumerate(TRIWULAN_ROMAWI, 1)],
    })
