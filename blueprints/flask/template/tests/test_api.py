"""Tests of the HTTP API through Flask's test client."""

import pytest
from flask import Flask
from flask.testing import FlaskClient


def test_health(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_list_items_starts_empty(client: FlaskClient) -> None:
    response = client.get("/api/items")
    assert response.status_code == 200
    assert response.get_json() == []


def test_create_item(client: FlaskClient) -> None:
    response = client.post("/api/items", json={"name": "  first  "})
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "name": "first"}

    second = client.post("/api/items", json={"name": "second"})
    assert second.get_json()["id"] == 2

    listed = client.get("/api/items").get_json()
    assert listed == [{"id": 1, "name": "first"}, {"id": 2, "name": "second"}]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": ""},
        {"name": "   "},
        {"name": 42},
        {"name": None},
        {"name": "x" * 101},
        ["name"],
    ],
    ids=["missing", "empty", "blank", "number", "null", "too-long", "not-an-object"],
)
def test_create_item_rejects_invalid_name(client: FlaskClient, body: object) -> None:
    response = client.post("/api/items", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"] == "Bad Request"
    assert client.get("/api/items").get_json() == []


def test_create_item_rejects_malformed_json(client: FlaskClient) -> None:
    response = client.post(
        "/api/items", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.is_json


def test_create_item_needs_a_json_body(client: FlaskClient) -> None:
    response = client.post("/api/items", data="name=first")
    assert response.status_code == 415
    assert response.is_json


def test_create_item_rejects_a_huge_body(client: FlaskClient) -> None:
    response = client.post("/api/items", json={"name": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert response.is_json


def test_unknown_route_is_json_404(client: FlaskClient) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404
    assert response.get_json()["error"] == "Not Found"


def test_wrong_method_is_json_405(client: FlaskClient) -> None:
    response = client.delete("/api/items")
    assert response.status_code == 405
    assert response.get_json()["error"] == "Method Not Allowed"


def test_unhandled_error_is_json_500(app: Flask) -> None:
    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("kaboom")

    app.config["TESTING"] = False  # let the error handler answer instead of re-raising
    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert response.get_json()["error"] == "Internal Server Error"
    assert "kaboom" not in response.get_data(as_text=True)
