"""The service: a FastAPI application with a health check and an items API."""
