from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/<str:action>/", views.report_review, name="review"),
    path("periods/<int:pk>/", views.period_detail, name="period"),
    path("periods/<int:pk>/export.<str:fmt>", views.period_export, name="export"),
]
