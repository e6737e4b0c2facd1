"""The service: a Flask application with a health check and an items API.

`create_app()` is the application factory. The development server (`python -m app`),
gunicorn (`gunicorn "app:create_app()"`) and the tests all build the app through it.
"""

from typing import Any

from flask import Flask

from app.errors import register_error_handlers
from app.items import ItemStore, api


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build a new application with its own empty item store."""
    app = Flask(__name__)
    app.config.from_mapping(
        # Refuse request bodies over 1 MiB (answered with a JSON 413).
        MAX_CONTENT_LENGTH=1024 * 1024,
    )
    if test_config is not None:
        app.config.from_mapping(test_config)

    app.extensions["items"] = ItemStore()

    @app.get("/health")
    def health() -> dict[str, str]:
        """Liveness check for load balancers and container health checks."""
        return {"status": "ok"}

    app.register_blueprint(api)
    register_error_handlers(app)
    return app
