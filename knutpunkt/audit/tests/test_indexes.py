"""The audit table is written on every request that shows personal data, at ten million rows and more: it carries
the indexes its queries use and no others (each costs every insert)."""

from __future__ import annotations

from django.db import connection

from knutpunkt.audit.models import AuditEvent


def _indexed_columns() -> list[list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, AuditEvent._meta.db_table)
    return [c["columns"] for c in constraints.values() if c["index"] and not c["primary_key"]]


def test_no_foreign_key_has_an_index_of_its_own(db: None) -> None:
    indexed = _indexed_columns()

    for column in ("actor_id", "unit_id", "person_id", "organisation_id"):
        assert [column] not in indexed


def test_the_composite_indexes_that_begin_with_the_foreign_keys_are_there(db: None) -> None:
    indexed = _indexed_columns()

    for columns in (["actor_id", "occurred_at"], ["unit_id", "occurred_at"], ["person_id", "occurred_at"]):
        assert columns in indexed
