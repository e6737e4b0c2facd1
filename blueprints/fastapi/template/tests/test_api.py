"""End-to-end tests of the HTTP API through FastAPI's TestClient."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app


@pytest.fixture
def client() -> Iterator[TestClient]:
    # A new app per test, so every test starts with an empty item store.
    with TestClient(create_app()) as test_client:
        yield test_client


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_list_items_starts_empty(client: TestClient) -> None:
    response = client.get("/api/items")
    assert response.status_code == 200
    assert response.json() == []


def test_create_item(client: TestClient) -> None:
    response = client.post("/api/items", json={"name": "  first  "})
    assert response.status_code == 201
    assert response.json() == {"id": 1, "name": "first"}

    second = client.post("/api/items", json={"name": "second"})
    assert second.json()["id"] == 2

    listed = client.get("/api/items").json()
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
def test_create_item_rejects_invalid_name(client: TestClient, body: object) -> None:
    response = client.post("/api/items", json=body)
    assert response.status_code == 422
    assert "detail" in response.json()
    assert client.get("/api/items").json() == []


def test_create_item_rejects_malformed_json(client: TestClient) -> None:
    response = client.post(
        "/api/items", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert "detail" in response.json()


def test_unknown_route_is_json_404(client: TestClient) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"detail": "Not Found"}


def test_unhandled_error_is_json_500() -> None:
    app = create_app()

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("kaboom")

    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.get("/boom")
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal Server Error"}
    assert "kaboom" not in response.text
