"""Reminders keep what their text says (`params`), so the text is written in the reader's language when shown.
Reminders already made get their params from the Swedish text they were stored with; one whose text cannot be read
keeps showing that text."""

import re

from django.db import migrations, models

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"kl\. (\d{2}:\d{2})")


def params_from_messages(apps, schema_editor):
    Reminder = apps.get_model("plans", "Reminder")
    changed = []
    for reminder in Reminder.objects.filter(params__isnull=True).only("pk", "kind", "message").iterator():
        date = _DATE.search(reminder.message)
        if date is None:
            continue
        params = {"date": date.group(0)}
        if reminder.kind == "meeting_soon":
            time = _TIME.search(reminder.message)
            if time is None:
                continue
            params["time"] = time.group(1)
        reminder.params = params
        changed.append(reminder)
    Reminder.objects.bulk_update(changed, ["params"], batch_size=500)


def forget_params(apps, schema_editor):
    apps.get_model("plans", "Reminder").objects.update(params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_meeting_open_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="reminder",
            name="params",
            field=models.JSONField(blank=True, null=True, verbose_name="uppgifter i texten"),
        ),
        migrations.RunPython(params_from_messages, forget_params),
    ]
