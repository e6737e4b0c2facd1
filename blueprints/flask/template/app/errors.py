"""JSON error responses, so that clients of the API never receive an HTML page."""

from flask import Flask
from werkzeug.exceptions import HTTPException, InternalServerError


def error_body(error: HTTPException) -> dict[str, str]:
    return {"error": error.name, "message": error.description or error.name}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[dict[str, str], int]:
        # 400, 404, 405, 413, 415 and any other error raised by abort() or Werkzeug.
        return error_body(error), error.code or 500

    @app.errorhandler(InternalServerError)
    def internal_error(error: InternalServerError) -> tuple[dict[str, str], int]:
        # Unhandled exceptions arrive here wrapped in InternalServerError; Flask has
        # already logged the traceback. Keep the details out of the response.
        return error_body(InternalServerError()), 500
