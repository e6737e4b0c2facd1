"""Project-wide views: the health check and JSON error responses."""

from http import HTTPStatus

from django.http import HttpRequest, JsonResponse


def error_response(status: HTTPStatus, message: str) -> JsonResponse:
    """The JSON body of every error: {"error": "Not Found", "message": "..."}."""
    return JsonResponse({"error": status.phrase, "message": message}, status=status)


def health(request: HttpRequest) -> JsonResponse:
    """Liveness check for load balancers and container health checks."""
    return JsonResponse({"status": "ok"})


def bad_request(
    request: HttpRequest, exception: Exception | None = None
) -> JsonResponse:
    return error_response(HTTPStatus.BAD_REQUEST, "The request is not valid.")


def permission_denied(
    request: HttpRequest, exception: Exception | None = None
) -> JsonResponse:
    return error_response(HTTPStatus.FORBIDDEN, "You may not access this resource.")


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return error_response(HTTPStatus.NOT_FOUND, "No resource at this address.")


def server_error(request: HttpRequest) -> JsonResponse:
    return error_response(
        HTTPStatus.INTERNAL_SERVER_ERROR, "The server failed to answer."
    )
