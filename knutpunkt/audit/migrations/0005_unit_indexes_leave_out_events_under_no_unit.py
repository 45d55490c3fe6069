"""The indexes that begin with the unit leave out events under no unit, so that a search for a unit's members' events
outside any unit uses `audit_actor_nounit_idx` (see AuditEvent.Meta)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0004_foreign_keys_without_own_index'),
        ('organisations', '0002_membership_basis'),
        ('people', '0002_registration_person_org_idx'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='auditevent',
            name='audit_unit_idx',
        ),
        migrations.RemoveIndex(
            model_name='auditevent',
            name='audit_unit_event_idx',
        ),
        migrations.RemoveIndex(
            model_name='auditevent',
            name='audit_unit_norel_idx',
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(condition=models.Q(('unit__isnull', False)), fields=['unit', 'occurred_at'], name='audit_unit_idx'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(condition=models.Q(('unit__isnull', False)), fields=['unit', 'event', 'occurred_at'], name='audit_unit_event_idx'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(condition=models.Q(('had_relation', False), ('unit__isnull', False)), fields=['unit', 'occurred_at'], name='audit_unit_norel_idx'),
        ),
    ]
