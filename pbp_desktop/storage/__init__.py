"""Storage layer: SQLAlchemy models, engine, migrations, unit of work and read queries."""
