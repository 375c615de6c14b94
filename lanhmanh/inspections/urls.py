from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("", views.establishment_list, name="list"),
    path("import/", views.establishment_import, name="import"),
    path("export.<str:fmt>", views.establishment_export, name="export"),
    path("<int:pk>/", views.establishment_detail, name="detail"),
]
