from django.urls import path

from . import views, work_views

app_name = "inspections"
urlpatterns = [
    path("", views.establishment_list, name="list"),
    path("new/", work_views.establishment_create, name="create"),
    path("import/", views.establishment_import, name="import"),
    path("export.<str:fmt>", views.establishment_export, name="export"),
    path("<int:pk>/", views.establishment_detail, name="detail"),
    path("<int:pk>/edit/", work_views.establishment_edit, name="edit"),
    path("inspections/", work_views.inspection_list, name="inspections"),
    path("inspections/export.<str:fmt>", work_views.inspection_export, name="inspection_export"),
    path("inspections/<int:pk>/", work_views.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/edit/", work_views.inspection_edit, name="inspection_edit"),
    path("plans/", work_views.plan_list, name="plans"),
    path("plans/new/", work_views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", work_views.plan_detail, name="plan"),
    path("teams/", work_views.team_list, name="teams"),
]
