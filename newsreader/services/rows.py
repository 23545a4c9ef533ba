"""Plain rows inserted in bulk: what an import writes by the thousand (fingerprints, grouping
keys), without building a model object per row."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection


def rows_insert(table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert rows into `table` in the caller's transaction: one COPY stream on PostgreSQL (a
    round trip per statement otherwise), executemany on SQLite (in-process)."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608
