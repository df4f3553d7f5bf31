"""Buffered multi-row inserts straight into the tables, for generated data at scale.

Bypasses the ORM's per-object work (signals, `auto_now_add`, model validation) on purpose: the
generator sets every column itself, including past creation times, and the database's own
constraints still check every row. Columns the generator does not name get the field default.
"""

from __future__ import annotations

from django.db import models

from amparo.core.bulk import TableWriter


class Writers:
    """One TableWriter per model, flushed in the order they were made (parents first)."""

    def __init__(self) -> None:
        self.tables: list[TableWriter] = []

    def table(self, model: type[models.Model], *columns: str) -> TableWriter:
        writer = TableWriter(model, columns)
        self.tables.append(writer)
        return writer

    @property
    def pending(self) -> int:
        return sum(len(t.pending) for t in self.tables)

    @property
    def written(self) -> int:
        return sum(t.written for t in self.tables)

    def flush(self) -> None:
        for table in self.tables:
            table.flush()
