from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/attachments/", views.attachment_add, name="attach"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path("<int:pk>/<str:action>/", views.report_review, name="review"),
    path("periods/<int:pk>/", views.period_detail, name="period"),
    path("plans/<int:plan_id>/units/", views.agency_progress_view, name="agency_progress"),
    path("plans/<int:plan_id>/indicators/", views.assignments_view, name="assignments"),
    path("periods/<int:pk>/export.<str:fmt>", views.period_export, name="export"),
]
