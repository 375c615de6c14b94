"""The project's URLs, with the hotspots API mounted under /api/v1/ for the tests until
``lanhmanh.api.api`` registers the router itself (then this adds nothing)."""

from django.urls import path
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.security import django_auth

from lanhmanh.api.api import BearerToken, api
from lanhmanh.hotspots.api import router
from lanhmanh.urls import urlpatterns as project_urls

urlpatterns = list(project_urls)
if not any(mounted is router for _prefix, mounted in api._routers):
    test_api = NinjaAPI(auth=[BearerToken(), django_auth], urls_namespace="hotspots-test-api")

    @test_api.exception_handler(ValidationError)
    def invalid(request, exc):
        return test_api.create_response(
            request, {"detail": "Invalid request.", "errors": exc.errors}, status=422
        )

    test_api.add_router("", router)
    urlpatterns.insert(0, path("api/v1/", test_api.urls))
