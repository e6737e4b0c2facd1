# PostgreSQL is configured only from the environment: stop at boot with a
# clear message instead of failing on the first query.
if ENV["DATABASE_URL"].blank?
  abort "DATABASE_URL is not set: export the PostgreSQL server's URL, e.g. " \
        "DATABASE_URL=postgresql://USER:PASSWORD@localhost:5432/NAME (see .env.example)."
end
