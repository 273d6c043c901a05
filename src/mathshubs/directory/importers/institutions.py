"""Applying a checked GIAS file: upsert by URN in one transaction, then serving hubs."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from mathshubs.directory.areas import institutions_assign_hubs, serving_hub_id, serving_hub_map
from mathshubs.directory.importers.base import chunks
from mathshubs.directory.importers.gias import BATCH_SIZE, NO_CHANGES
from mathshubs.directory.importers.gias_parse import institutions_parse_file, model_field
from mathshubs.directory.models import Institution
from mathshubs.ops.locks import lock_for_transaction


@dataclass
class ImportSummary:
    file_name: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0  # rows in the file whose status is Closed
    newly_closed: int = 0  # held as open, now closed
    skipped_outside_england: int = 0
    hubs_changed: int = 0  # held institutions whose serving hub changed
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated or self.hubs_changed)

    def report(self) -> str:
        if not self.changed_anything:
            lines = [NO_CHANGES.format(rows=self.rows)]
        else:
            lines = [
                f"Imported {self.file_name}: {self.rows:,} rows in {self.seconds:.1f} s.",
                f"Created {self.created:,}, updated {self.updated:,}, "
                f"unchanged {self.unchanged:,}.",
            ]
            if self.hubs_changed:
                lines.append(f"Serving hub changed for {self.hubs_changed:,} held institutions.")
        closed = f"Closed establishments: {self.closed:,} (kept, marked closed)"
        if self.newly_closed:
            closed += f", of which {self.newly_closed:,} newly closed"
        lines.append(closed + ".")
        if self.skipped_outside_england:
            lines.append(
                f"Skipped {self.skipped_outside_england:,} establishments outside England "
                "(Welsh establishments, British schools overseas, offshore schools)."
            )
        lines += [f"Warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def _update_rows(fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """UPDATE held institutions: rows are (id, *values in `fields` order, updated_at).

    One parameterised statement executed for the whole batch by the driver
    (executemany). Django's bulk_update builds a CASE expression per row and
    field in Python, which took about 14 ms per row here: a yearly GIAS
    refresh changing every school's pupil numbers would take minutes.
    """
    model_fields = [model_field(name) for name in (*fields, "updated_at")]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in model_fields)
    table, pk = quote(Institution._meta.db_table), quote(Institution._meta.pk.column)
    # Identifiers come from the model's metadata; every value is a parameter.
    sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608
    params = [
        [
            field.get_db_prep_save(value, connection)
            for field, value in zip(model_fields, row[1:], strict=True)
        ]
        + [row[0]]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


@dataclass(frozen=True)
class _Place:
    """What serving_hub_id reads of an institution that does not exist yet."""

    local_authority_id: int | None
    district_code: str
    hub_override_id: int | None = None


def _insert_rows(fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """INSERT new institutions: rows are (urn, *values in `fields` order, updated_at, hub_id).

    Executed by the driver for the whole batch, like _update_rows: bulk_create
    spent most of the first import preparing values in Python. Columns the file
    does not give take the model field's default.
    """
    given = ("urn", *fields, "updated_at", "hub")
    model_fields = [model_field(name) for name in given]
    defaults = [
        (f, f.get_db_prep_save(f.get_default(), connection))
        for f in Institution._meta.concrete_fields
        if not f.primary_key and f not in model_fields
    ]
    quote = connection.ops.quote_name
    columns = [f.column for f in model_fields] + [f.column for f, _ in defaults]
    table = quote(Institution._meta.db_table)
    column_list = ", ".join(quote(c) for c in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    # Identifiers come from the model's metadata; every value is a parameter.
    sql = f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})"  # noqa: S608
    fixed = [value for _, value in defaults]
    params = [
        [
            field.get_db_prep_save(value, connection)
            for field, value in zip(model_fields, row, strict=True)
        ]
        + fixed
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def institutions_import(
    *,
    path: Path,
    show_progress: bool = False,
    stream: IO[str] | None = None,
) -> ImportSummary:
    """Import a GIAS "all establishment data" CSV: upsert by URN, all or nothing.

    Raises ImportRefused (nothing changed) if any row is bad. Closed
    establishments are kept and marked closed; institutions missing from the
    file are left as they are. Afterwards every institution in the file gets its
    serving hub (directory.areas.institutions_assign_hubs).
    """
    started = time.perf_counter()
    parsed = institutions_parse_file(path=path, show_progress=show_progress, stream=stream)
    summary = ImportSummary(
        file_name=path.name,
        rows=len(parsed.rows),
        closed=parsed.closed,
        skipped_outside_england=parsed.skipped_outside_england,
        warnings=parsed.warnings,
    )
    fields = parsed.fields
    is_open_at = fields.index("is_open")
    la_at, district_at = fields.index("local_authority_id"), fields.index("district_code")
    urns = list(parsed.rows)
    now = timezone.now()
    whole, split = serving_hub_map()

    with transaction.atomic():
        # Two imports at once would both see a URN as new; the second waits for the first.
        lock_for_transaction("import-institutions")
        held: dict[int, tuple[int, tuple[Any, ...]]] = {}
        for chunk in chunks(urns, BATCH_SIZE):
            for inst_id, urn, *values in Institution.objects.filter(urn__in=chunk).values_list(
                "id", "urn", *fields
            ):
                held[urn] = (inst_id, tuple(values))

        to_create: list[tuple[Any, ...]] = []
        to_update: list[tuple[Any, ...]] = []
        for urn, values in parsed.rows.items():
            current = held.get(urn)
            if current is None:
                # The serving hub is set now, so the assignment below has nothing to redo.
                place = _Place(values[la_at], values[district_at])
                to_create.append((urn, *values, now, serving_hub_id(place, whole, split)))
            elif current[1] != values:
                to_update.append((current[0], *values, now))
                if current[1][is_open_at] and not values[is_open_at]:
                    summary.newly_closed += 1
        summary.created = len(to_create)
        summary.updated = len(to_update)
        summary.unchanged = summary.rows - summary.created - summary.updated
        write_progress = (
            tqdm(
                total=len(to_create) + len(to_update),
                unit=" rows",
                desc="Writing",
                file=stream,
                leave=False,
            )
            if show_progress and (to_create or to_update)
            else None
        )
        for batch in chunks(to_create, BATCH_SIZE):
            _insert_rows(fields, batch)
            if write_progress is not None:
                write_progress.update(len(batch))
        for batch in chunks(to_update, BATCH_SIZE):
            _update_rows(fields, batch)
            if write_progress is not None:
                write_progress.update(len(batch))
        if write_progress is not None:
            write_progress.close()

        # Every institution in the file, not only the changed ones: an area may have
        # moved to another hub since the last import. New rows already have theirs.
        for chunk in chunks(urns, BATCH_SIZE):
            summary.hubs_changed += institutions_assign_hubs(
                queryset=Institution.objects.filter(urn__in=chunk)
            )

    summary.seconds = time.perf_counter() - started
    return summary
