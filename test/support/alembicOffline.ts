// An env.py for Alembic's offline mode alone (`alembic ... --sql`): Debian's SQLAlchemy is 1.4, and the
// incident example's env.py imports its models, which need 2.0. Tests that run the real Alembic write it
// over the example's env.py.
export const OFFLINE_ENV_PY = `from alembic import context

config = context.config
context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
with context.begin_transaction():
    context.run_migrations()
`;
