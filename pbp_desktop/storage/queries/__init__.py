"""Storage layer: read queries. Each takes a Session and returns frozen readmodels."""
