from django.urls import path

from lanhmanh import attachments

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_create, name="create"),
    path("import/", views.activity_import, name="import"),
    path("export.<str:fmt>", views.activity_export, name="export"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    *attachments.paths("", views.ACTIVITY_FILES, ("attach", "attachment")),
    path("models/", views.model_list, name="models"),
    path("models/new/", views.model_create, name="model_create"),
    path("models/import/", views.model_import, name="model_import"),
    path("models/<int:pk>/", views.model_detail, name="model"),
    path("models/<int:pk>/edit/", views.model_edit, name="model_edit"),
    path("models/export.<str:fmt>", views.model_export, name="model_export"),
    *attachments.paths("models/", views.MODEL_FILES, ("model_attach", "model_attachment")),
]
