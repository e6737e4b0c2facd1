"""Tests of the HTTP API through Django's test client."""

from django.conf import settings
from django.http import HttpRequest
from django.test import Client, SimpleTestCase, override_settings
from django.urls import path

import config.urls
from items.store import store


def boom(request: HttpRequest) -> None:
    raise RuntimeError("kaboom")


# A URL configuration with a failing view in front of the real routes (the 500 test).
urlpatterns = [path("boom", boom), *config.urls.urlpatterns]
handler500 = config.urls.handler500


class ApiTests(SimpleTestCase):
    def setUp(self) -> None:
        store.clear()

    def test_health(self) -> None:
        response = self.client.get("/health")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})

    def test_list_items_starts_empty(self) -> None:
        response = self.client.get("/api/items")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), [])

    def test_create_item(self) -> None:
        response = self.client.post(
            "/api/items", {"name": "  first  "}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json(), {"id": 1, "name": "first"})

        second = self.client.post(
            "/api/items", {"name": "second"}, content_type="application/json"
        )
        self.assertEqual(second.json()["id"], 2)

        listed = self.client.get("/api/items").json()
        self.assertEqual(
            listed, [{"id": 1, "name": "first"}, {"id": 2, "name": "second"}]
        )

    def test_create_item_rejects_invalid_name(self) -> None:
        bodies = {
            "missing": {},
            "empty": {"name": ""},
            "blank": {"name": "   "},
            "number": {"name": 42},
            "null": {"name": None},
            "too-long": {"name": "x" * 101},
            "not-an-object": ["name"],
        }
        for case, body in bodies.items():
            with self.subTest(case):
                response = self.client.post(
                    "/api/items", body, content_type="application/json"
                )
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response.json()["error"], "Bad Request")
        self.assertEqual(self.client.get("/api/items").json(), [])

    def test_create_item_rejects_malformed_json(self) -> None:
        response = self.client.post(
            "/api/items", "{not json", content_type="application/json"
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["error"], "Bad Request")

    def test_create_item_needs_a_json_body(self) -> None:
        response = self.client.post("/api/items", {"name": "first"})  # a form, not JSON
        self.assertEqual(response.status_code, 415)
        self.assertEqual(response.json()["error"], "Unsupported Media Type")

    def test_create_item_rejects_a_huge_body(self) -> None:
        big = {"name": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
        response = self.client.post("/api/items", big, content_type="application/json")
        self.assertEqual(response.status_code, 413)
        self.assertEqual(response.json()["error"], "Request Entity Too Large")

    def test_unknown_route_is_json_404(self) -> None:
        for url in ["/no/such/route", "/", "/api/items/"]:
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response.json()["error"], "Not Found")

    def test_wrong_method_is_json_405(self) -> None:
        response = self.client.delete("/api/items")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response.json()["error"], "Method Not Allowed")
        self.assertEqual(response["Allow"], "GET, POST, HEAD, OPTIONS")

    @override_settings(ROOT_URLCONF=__name__)
    def test_unhandled_error_is_json_500(self) -> None:
        client = Client(raise_request_exception=False)
        with self.assertLogs("django.request", level="ERROR"):
            response = client.get("/boom")
        self.assertEqual(response.status_code, 500)
        self.assertEqual(response.json()["error"], "Internal Server Error")
        self.assertNotIn("kaboom", response.content.decode())


class SecurityTests(SimpleTestCase):
    def setUp(self) -> None:
        store.clear()

    def test_csrf_protection_is_on_and_the_json_api_is_exempt(self) -> None:
        self.assertIn("django.middleware.csrf.CsrfViewMiddleware", settings.MIDDLEWARE)
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            "/api/items", {"name": "first"}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 201)

    def test_security_headers(self) -> None:
        response = self.client.get("/health")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["X-Frame-Options"], "DENY")

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_https_redirect_spares_health(self) -> None:
        self.assertEqual(self.client.get("/api/items").status_code, 301)
        self.assertEqual(self.client.get("/health").status_code, 200)
        self.assertEqual(self.client.get("/api/items", secure=True).status_code, 200)
