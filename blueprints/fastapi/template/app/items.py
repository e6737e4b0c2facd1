"""The example resource: an in-memory list of items with pydantic validation."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from pydantic import BaseModel, StringConstraints

# A name is a string (never a number coerced to one), trimmed, 1 to 100 characters.
ItemName = Annotated[
    str,
    StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=100),
]


class ItemCreate(BaseModel):
    """The body of POST /api/items."""

    name: ItemName


class Item(BaseModel):
    """A stored item."""

    id: int
    name: str


class ItemStore:
    """Keeps items in memory; they are lost when the process stops.

    The handlers below are `async`, so they all run on the event loop one at a time
    and the store needs no lock. Swap this class for a database when you need one.
    """

    def __init__(self) -> None:
        self._items: list[Item] = []
        self._next_id = 1

    def list(self) -> list[Item]:
        return list(self._items)

    def add(self, name: str) -> Item:
        item = Item(id=self._next_id, name=name)
        self._next_id += 1
        self._items.append(item)
        return item


def get_store(request: Request) -> ItemStore:
    """Dependency: the store that belongs to the running application."""
    return request.app.state.items


Store = Annotated[ItemStore, Depends(get_store)]

router = APIRouter(prefix="/api/items", tags=["items"])


@router.get("")
async def list_items(store: Store) -> list[Item]:
    """All items, oldest first."""
    return store.list()


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_item(body: ItemCreate, store: Store) -> Item:
    """Store a new item; an invalid body is answered with 422 by FastAPI."""
    return store.add(body.name)
