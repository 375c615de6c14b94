from django.urls import path

from . import views

app_name = "security"
urlpatterns = [
    path("", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("confirm/", views.confirm, name="confirm"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("recovery-codes/new/", views.renew_recovery_codes, name="renew_recovery_codes"),
]
