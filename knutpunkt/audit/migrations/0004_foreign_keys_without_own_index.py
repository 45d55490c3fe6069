"""The audit event's foreign keys lose their single-column indexes: `audit_actor_idx`, `audit_unit_idx` and
`audit_person_idx` begin with the same columns, and no query filters on the organisation alone. Every index is
written again for each event, so four unused ones cost every request that logs.

Only the indexes are dropped, by name (the names Django gave them, the same on SQLite and PostgreSQL). Letting
AlterField do it would rebuild the table on SQLite, and the rebuilt table would lack the append-only triggers.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# (column, the index Django created for it in 0001_initial)
INDEXES = [
    ("actor_id", "audit_auditevent_actor_id_270bb4b7"),
    ("organisation_id", "audit_auditevent_organisation_id_11de86af"),
    ("person_id", "audit_auditevent_person_id_41e59516"),
    ("unit_id", "audit_auditevent_unit_id_54d82418"),
]


def _field(to: str) -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(
        db_constraint=False,
        db_index=False,
        null=True,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to=to,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_review_indexes"),
        ("organisations", "0002_membership_basis"),
        ("people", "0002_registration_person_org_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="actor",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="användare",
                    ),
                ),
                migrations.AlterField(
                    model_name="auditevent", name="organisation", field=_field("organisations.organisation")
                ),
                migrations.AlterField(model_name="auditevent", name="person", field=_field("people.person")),
                migrations.AlterField(model_name="auditevent", name="unit", field=_field("organisations.unit")),
            ],
            database_operations=[
                migrations.RunSQL(
                    sql=f"DROP INDEX IF EXISTS {name}",
                    reverse_sql=f"CREATE INDEX IF NOT EXISTS {name} ON audit_auditevent ({column})",
                )
                for column, name in INDEXES
            ],
        ),
    ]
