"""Project configuration: settings, URLs, WSGI entry point and JSON error views."""
