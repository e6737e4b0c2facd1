"""The example resource: an in-memory list of items served as JSON."""
