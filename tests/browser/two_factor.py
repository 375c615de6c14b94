"""The second step of the sign-in for the demo users who need a code (admin,
coordinator, caseworker): the code of the published demo authenticator."""

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from lanhmanh.security.demo import current_code
from lanhmanh.security.twofactor import requires_two_factor


def enter_code_if_needed(page, username):
    """Call right after the password step was submitted."""
    if not requires_two_factor(get_user_model().objects.get(username=username)):
        return
    page.wait_for_url("**/accounts/two-factor/")
    # A code works once; tests sign the same user in more than once within 30 s.
    TOTPDevice.objects.filter(user__username=username).update(last_t=-1)
    page.locator("#id_code").fill(current_code())
    page.locator("main form button[type=submit]").click()
