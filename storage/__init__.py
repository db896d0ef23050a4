"""SQLite storage: schema and migrations, the batching writer, queries."""
