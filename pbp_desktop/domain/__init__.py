"""Domain layer: pure-Python value types and rules. Imports only the standard library."""
