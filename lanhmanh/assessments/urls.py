from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("new/", views.assessment_create, name="create"),
    path("export.<str:fmt>", views.assessment_export, name="export"),
    path("trend/", views.assessment_trend, name="trend"),
    path("trend/export.<str:fmt>", views.trend_export, name="trend_export"),
    path("criteria/", views.criteria_list, name="criteria"),
    path("criteria/new/", views.criteria_create, name="criteria_create"),
    path("criteria/<int:pk>/", views.criteria_detail, name="criteria_detail"),
    path("criteria/<int:pk>/edit/", views.criteria_edit, name="criteria_edit"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/edit/", views.assessment_edit, name="edit"),
    path("<int:pk>/attach/", views.assessment_attach, name="attach"),
    path("<int:pk>/files/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("<int:pk>/review/", views.assessment_review, name="review"),
    path("<int:pk>/reopen/", views.assessment_reopen, name="reopen"),
]
