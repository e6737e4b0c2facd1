#!/bin/sh
# Starts the production server inside the container (see Dockerfile).
set -eu

# Secrets come from the environment: refuse to start without the app key.
if [ -z "${APP_KEY:-}" ]; then
    echo "APP_KEY is not set: generate one with 'php artisan key:generate --show' and pass it in the environment." >&2
    exit 1
fi

# With a database (database/migrations exists), apply pending migrations first.
if [ -d database/migrations ]; then
    php artisan migrate --force
fi

# FrankenPHP serves public/index.php on HOST:PORT and stops gracefully on SIGTERM.
exec frankenphp php-server --listen "${HOST:-0.0.0.0}:${PORT:-8000}" --root public/
