from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dashboard.pdf", views.dashboard_pdf, name="dashboard_pdf"),
    path("export/<slug:table>.<str:fmt>", views.dashboard_export, name="dashboard_export"),
    path("reports/<slug:which>/", views.reports, name="reports"),
    path("reports/<slug:which>.<str:fmt>", views.reports_export, name="reports_export"),
    path("trend/<slug:key>/", views.trend, name="trend"),
    path("targets/<int:pk>/", views.target, name="target"),
    path("map/", views.map_view, name="map"),
]
