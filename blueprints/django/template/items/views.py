"""JSON views for /api/items."""

import json
from http import HTTPStatus
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from config.views import error_response
from items.store import store

MAX_NAME_LENGTH = 100


class InvalidItemError(Exception):
    """The request body does not describe a valid item."""


def parse_name(body: Any) -> str:
    if not isinstance(body, dict):
        raise InvalidItemError("The request body must be a JSON object.")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InvalidItemError("'name' is required and must be a non-blank string.")
    name = name.strip()
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidItemError(f"'name' must be at most {MAX_NAME_LENGTH} characters.")
    return name


# CSRF protection guards browser forms that rely on cookies. This JSON API reads no
# cookie and no session, so a forged cross-site request gains nothing, and its clients
# (scripts, other services) have no CSRF token to send. The exemption covers this view
# only: the middleware stays on for everything else. If this API ever authenticates with
# a session cookie, remove the exemption and have clients send the X-CSRFToken header.
@method_decorator(csrf_exempt, name="dispatch")
class ItemCollectionView(View):
    http_method_names = ["get", "post", "head", "options"]

    def get(self, request: HttpRequest) -> JsonResponse:
        """All items, oldest first."""
        return JsonResponse(store.list(), safe=False)

    def post(self, request: HttpRequest) -> JsonResponse:
        """Store a new item from a JSON body such as {"name": "first"}."""
        if request.content_type != "application/json":
            return error_response(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "Send the item as application/json."
            )
        try:
            body = json.loads(request.body)
        except RequestDataTooBig:
            return error_response(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "The request body is too large."
            )
        except (UnicodeDecodeError, json.JSONDecodeError):
            return error_response(
                HTTPStatus.BAD_REQUEST, "The request body is not valid JSON."
            )
        try:
            name = parse_name(body)
        except InvalidItemError as error:
            return error_response(HTTPStatus.BAD_REQUEST, str(error))
        return JsonResponse(store.add(name), status=HTTPStatus.CREATED)

    def http_method_not_allowed(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = error_response(
            HTTPStatus.METHOD_NOT_ALLOWED, f"{request.method} is not allowed here."
        )
        response["Allow"] = ", ".join(self._allowed_methods())
        return response
