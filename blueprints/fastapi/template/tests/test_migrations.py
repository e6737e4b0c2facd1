"""The migrations and the models agree."""

from alembic import command

from tests.conftest import alembic_config


def test_migrations_match_the_models(database_url: str) -> None:
    # Fails when a model changed without a migration: run
    # `alembic revision --autogenerate -m "what changed"` and review the file.
    command.check(alembic_config(database_url))
