"""Indexes for the log review: a unit's events of one type, a unit's accesses without an active relation, and
events by a unit's members outside any unit (see knutpunkt/audit/access.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_audit_event_append_only")]

    operations = [
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["unit", "event", "occurred_at"], name="audit_unit_event_idx"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                condition=models.Q(("had_relation", False)), fields=["unit", "occurred_at"], name="audit_unit_norel_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                condition=models.Q(("unit__isnull", True)), fields=["actor", "occurred_at"], name="audit_actor_nounit_idx"
            ),
        ),
    ]
