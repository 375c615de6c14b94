from django.urls import path

from . import views

app_name = "hotspots"
urlpatterns = [
    path("", views.hotspot_list, name="list"),
    path("new/", views.hotspot_create, name="create"),
    path("export.<str:fmt>", views.hotspot_export, name="export"),
    path("<int:pk>/", views.hotspot_detail, name="detail"),
    path("<int:pk>/edit/", views.hotspot_edit, name="edit"),
    path("<int:pk>/status/", views.hotspot_status, name="status"),
    path("<int:pk>/checks/new/", views.hotspot_check, name="check"),
]
