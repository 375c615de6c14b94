from django.urls import path

from . import views

app_name = "places"
urlpatterns = [
    path("", views.unit_list, name="units"),
    path("<int:pk>/", views.unit_detail, name="unit"),
]
