from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.plan_import, name="import"),
    path("mine/", views.my_duties, name="mine"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/review/", views.plan_review, name="review"),
    path("<int:pk>/discard/", views.plan_discard, name="discard"),
    path("duty/<int:pk>/agencies/", views.duty_agencies, name="duty_agencies"),
    path("progress/<str:kind>/<int:item>/<int:agency>/", views.progress_detail, name="progress"),
    path(
        "progress/<str:kind>/<int:item>/<int:agency>/file/",
        views.progress_file,
        name="progress_file",
    ),
]
