from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .forms import UnitSearchForm
from .models import AdministrativeUnit, UnitSuccession
from .queries import find_units


@login_required
def unit_list(request):
    form = UnitSearchForm(request.GET or None)
    units = AdministrativeUnit.objects.none()
    if form.is_valid():
        units = find_units(
            q=form.cleaned_data["q"],
            level=form.cleaned_data["level"],
            as_of=form.cleaned_data["as_of"],
        )
    elif not request.GET:
        units = find_units(level="province")
    units = units.select_related("parent").order_by("level", "code", "system")
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    return render(request, "places/unit_list.html", {"form": form, "page": page})


@login_required
def unit_detail(request, pk):
    unit = get_object_or_404(AdministrativeUnit.objects.select_related("parent"), pk=pk)
    children = unit.children.order_by("name_search")
    successors = UnitSuccession.objects.filter(predecessor=unit).select_related("successor")
    predecessors = UnitSuccession.objects.filter(successor=unit).select_related("predecessor")
    return render(
        request,
        "places/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "successors": successors,
            "predecessors": predecessors,
        },
    )
