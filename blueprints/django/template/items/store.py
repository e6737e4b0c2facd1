"""The in-memory item store."""

import threading
from typing import Any


class ItemStore:
    """Keeps items in memory; they are lost when the process stops.

    The development server and gunicorn's threads serve requests in parallel,
    so every change holds a lock. Each worker process has its own store:
    regenerate with a database before running more than one worker.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self._items: list[dict[str, Any]] = []
            self._next_id = 1

    def list(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(item) for item in self._items]

    def get(self, item_id: int) -> dict[str, Any] | None:
        with self._lock:
            for item in self._items:
                if item["id"] == item_id:
                    return dict(item)
            return None

    def add(self, name: str) -> dict[str, Any]:
        with self._lock:
            item = {"id": self._next_id, "name": name}
            self._next_id += 1
            self._items.append(item)
            return dict(item)


store = ItemStore()
