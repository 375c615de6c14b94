from django.urls import path

from . import views

app_name = "sanctions"
urlpatterns = [
    path("", views.sanction_list, name="list"),
    path("new/", views.sanction_create, name="create"),
    path("export.<str:fmt>", views.sanction_export, name="export"),
    path("statistics/", views.sanction_statistics, name="statistics"),
    path("statistics.<str:fmt>", views.sanction_statistics, name="statistics_export"),
    path("<int:pk>/", views.sanction_detail, name="detail"),
    path("<int:pk>/edit/", views.sanction_edit, name="edit"),
    path("<int:pk>/refer/", views.sanction_refer, name="refer"),
    path("referrals/", views.referral_list, name="referrals"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral"),
]
