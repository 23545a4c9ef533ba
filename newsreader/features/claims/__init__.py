"""Quoted claims: who said what, and which claims the outlets report alike or in conflict."""
