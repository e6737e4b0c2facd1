"""URL routes. Anything not listed answers a JSON 404."""

from django.urls import include, path, re_path

from config import views

urlpatterns = [
    path("health", views.health, name="health"),
    path("api/", include("items.urls")),
    # Last: every other path. Answering here (rather than through handler404) keeps the
    # 404 JSON with debug on too, where Django would otherwise show its HTML debug page.
    re_path(r"", views.not_found),
]

# JSON for errors raised in views (used when debug is off).
handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.not_found"
handler500 = "config.views.server_error"
