"""The rows of an events table: `{% load audit_events %}{% audit_event_rows events choose_person %}`.

A review page lists 50 events; written out by the template engine, two date filters, half a dozen lookups and a
CSRF token per row cost more than the page's queries. Here each row is one string, with the markup the template
loop wrote (audit/_events_table.html): every value escaped, times in the current time zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from knutpunkt.audit.models import AuditEvent

register = template.Library()

_NONE = "–"


@register.simple_tag(takes_context=True)
def audit_event_rows(
    context: template.Context, events: Iterable[AuditEvent], choose_person: bool = False
) -> SafeString:
    with_relation = escape(_("Aktiv relation"))
    without_relation = f'<span class="badge badge--danger">{escape(_("Utan aktiv relation"))}</span>'
    csrf = CsrfTokenNode().render(context)  # what {% csrf_token %} writes
    choose_url = escape(reverse("audit:review_choose_person")) if choose_person else ""
    only_person = escape(_("Bara denna person"))
    rows: list[str] = []
    for event in events:
        when = timezone.localtime(event.occurred_at) if timezone.is_aware(event.occurred_at) else event.occurred_at
        cells: list[Any] = [
            f'<td><time datetime="{escape(when.isoformat())}">{when:%Y-%m-%d %H:%M:%S}</time></td>',
            f"<td>{escape(event.actor_label or _NONE)}</td>",
            f"<td>{escape(event.event_label)}</td>",
            f"<td>{escape(event.person_label or _NONE)}</td>",
            f"<td>{escape(event.legal_ground_label) if event.legal_ground else _NONE}</td>",
            f"<td>{with_relation if event.had_relation else without_relation}</td>",
        ]
        if choose_person:
            form = ""
            if event.person_id:
                hidden = f'<span class="visually-hidden">: {escape(event.person_label)}</span>'
                form = (
                    f'\n        <form method="post" action="{choose_url}" class="inline-form">\n          {csrf}\n'
                    f'          <input type="hidden" name="event" value="{event.pk}">\n'
                    f'          <button type="submit" class="button button--small button--secondary">{only_person}'
                    f"{hidden}</button>\n        </form>\n      "
                )
            cells.append(f"<td>{form}</td>")
        flagged = "" if event.had_relation else ' class="flagged"'
        rows.append(f"<tr{flagged}>\n      " + "\n      ".join(cells) + "\n    </tr>")
    return mark_safe("\n    ".join(rows))  # noqa: S308 - every value is escaped (html.escape, as Django's escape)
