"""The example resource: an in-memory list of items, served by the `api` blueprint."""

import threading
from typing import Any

from flask import Blueprint, abort, current_app, request

MAX_NAME_LENGTH = 100

api = Blueprint("api", __name__, url_prefix="/api")


class ItemStore:
    """Keeps items in memory; they are lost when the process stops.

    The development server and gunicorn's threads serve requests in parallel,
    so every change holds a lock. Each worker process has its own store:
    swap this class for a database before running more than one worker.
    """

    def __init__(self) -> None:
        self._items: list[dict[str, Any]] = []
        self._next_id = 1
        self._lock = threading.Lock()

    def list(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(item) for item in self._items]

    def add(self, name: str) -> dict[str, Any]:
        with self._lock:
            item = {"id": self._next_id, "name": name}
            self._next_id += 1
            self._items.append(item)
            return dict(item)


def store() -> ItemStore:
    """The store that belongs to the running application."""
    return current_app.extensions["items"]


def validate_name(body: Any) -> str:
    """The trimmed name from a request body, or a 400 that says what is wrong."""
    if not isinstance(body, dict):
        abort(400, description="The request body must be a JSON object.")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        abort(400, description="'name' is required and must be a non-blank string.")
    name = name.strip()
    if len(name) > MAX_NAME_LENGTH:
        abort(400, description=f"'name' must be at most {MAX_NAME_LENGTH} characters.")
    return name


@api.get("/items")
def list_items() -> list[dict[str, Any]]:
    """All items, oldest first."""
    return store().list()


@api.post("/items")
def create_item() -> tuple[dict[str, Any], int]:
    """Store a new item from a JSON body such as {"name": "first"}."""
    # get_json() answers 415 unless the body is sent as JSON, 400 if it does not parse.
    name = validate_name(request.get_json())
    return store().add(name), 201
