from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .forms import AgencySearchForm
from .queries import agencies_for_user, get_agency_for_user


@login_required
def agency_list(request):
    form = AgencySearchForm(request.GET or None)
    agencies = agencies_for_user(request.user).select_related("jurisdiction", "successor")
    if form.is_valid():
        agencies = agencies.search(form.cleaned_data["q"])
        if form.cleaned_data["kind"]:
            agencies = agencies.filter(kind=form.cleaned_data["kind"])
        if not form.cleaned_data["include_former"]:
            agencies = agencies.active_on()
    else:
        agencies = agencies.active_on()
    page = Paginator(agencies.order_by("name_search", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "agencies/agency_list.html", {"form": form, "page": page})


@login_required
def agency_detail(request, pk):
    agency = get_agency_for_user(request.user, pk)
    predecessors = agencies_for_user(request.user).filter(successor=agency)
    return render(
        request,
        "agencies/agency_detail.html",
        {"agency": agency, "predecessors": predecessors},
    )
