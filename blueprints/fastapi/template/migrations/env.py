"""Alembic's entry point: runs the migrations against the service's database.

The URL comes from DATABASE_URL through app.db, exactly as the service reads it, so
`alembic upgrade head` migrates the database the service will use. The tests pass
their own URL in `config.attributes["database_url"]`.
"""

from logging.config import fileConfig

from alembic import context

from app.db import create_database_engine, database_url
from app.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get(
    "configure_logger", True
):
    fileConfig(config.config_file_name)

target_metadata = Base.metadata


def url() -> str:
    return config.attributes.get("database_url") or database_url()


def run_migrations_offline() -> None:
    """`alembic upgrade head --sql`: print the SQL instead of running it."""
    context.configure(
        url=url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_database_engine(url())
    try:
        with engine.connect() as connection:
            context.configure(connection=connection, target_metadata=target_metadata)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
