import datetime

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language.

    Django's own middleware follows the browser's Accept-Language, and many office
    computers in Vietnam run English browsers; the users still expect Vietnamese.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class IdleSessionMiddleware:
    """A session ends after ``SESSION_COOKIE_AGE`` without a request, so requests push
    its end forward. Saving the session on every request did that at the cost of a
    database write per page view (the busiest statement under load); the end is pushed
    only once it is ``RENEW_SECONDS`` nearer than a full age, so the idle limit holds to
    within a minute. Sits just inside ``SessionMiddleware``, which saves a session
    marked modified; ``lanhmanh.sessions`` tells when the stored session ends."""

    RENEW_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = request.session
        if session.is_empty() or session.modified:  # nothing to keep alive, or saved anyway
            return response
        session.keys()  # loads the session if nothing did
        expires_at = getattr(session, "expires_at", None)
        if session.session_key is None or expires_at is None:  # no live session
            return response
        renew_after = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - self.RENEW_SECONDS)
        if expires_at < timezone.now() + renew_after:
            session.modified = True
        return response
