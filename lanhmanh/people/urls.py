from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.intake, name="intake"),
    path("find/", views.find, name="find"),
    path("stats/", views.stats, name="stats"),
    path("stats.<str:fmt>", views.stats_export, name="stats_export"),
    path("referrals/", views.referrals, name="referrals"),
    path("referrals/<int:service_pk>/answer/", views.answer, name="answer"),
    path("duplicates/<int:flag_pk>/", views.duplicate, name="duplicate"),
    path("access-review/", views.access_review, name="access_review"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:pk>/export/", views.request_export, name="request_export"),
    path("requests/<int:pk>/<str:step>/", views.request_step, name="request_step"),
    path("cases/<int:pk>/request/", views.request_create, name="request_create"),
    path("persons/<int:pk>/", views.person_detail, name="person"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/consent/", views.consent, name="consent"),
    path("cases/<int:pk>/assign/", views.assign, name="assign"),
    path("cases/<int:pk>/identity/", views.identity_edit, name="identity_edit"),
    path("cases/<int:pk>/consent/<int:consent_pk>/withdraw/", views.withdraw, name="withdraw"),
    path("cases/<int:pk>/assess/", views.assess, name="assess"),
    path("cases/<int:pk>/service/", views.add_service, name="service"),
    path("cases/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path(
        "cases/<int:pk>/follow-up/<int:follow_up_pk>/done/",
        views.follow_up_done,
        name="follow_up_done",
    ),
    path("cases/<int:pk>/close/", views.close, name="close"),
    path("cases/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("cases/<int:pk>/transfer/", views.transfer, name="transfer"),
]
