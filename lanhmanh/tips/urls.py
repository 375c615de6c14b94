from django.urls import path

from . import views

app_name = "tips"
urlpatterns = [
    path("", views.tip_list, name="list"),
    path("report/", views.public_report, name="report"),
    path("status/", views.public_status, name="status"),
    path("new/", views.tip_create, name="create"),
    path("export.<str:fmt>", views.tip_export, name="export"),
    path("<int:pk>/", views.tip_detail, name="detail"),
    path("<int:pk>/contact/", views.tip_contact, name="contact"),
    path("<int:pk>/<str:action>/", views.tip_action, name="action"),
]
