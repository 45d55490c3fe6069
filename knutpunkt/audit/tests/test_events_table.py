"""The events table's rows are written by a template tag for speed: the markup must be the template loop's, which
this test keeps as it was, with escaping, the current time zone, flagged rows and the person button."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template import engines
from django.test import RequestFactory

from knutpunkt.audit.models import AuditEvent, LegalGround

LOOP = """{% load i18n %}{% for event in events %}
<tr{% if not event.had_relation %} class="flagged"{% endif %}>
  <td><time datetime="{{ event.occurred_at|date:'c' }}">{{ event.occurred_at|date:"Y-m-d H:i:s" }}</time></td>
  <td>{{ event.actor_label|default:"–" }}</td>
  <td>{{ event.event_label }}</td>
  <td>{{ event.person_label|default:"–" }}</td>
  <td>{% if event.legal_ground %}{{ event.get_legal_ground_display }}{% else %}–{% endif %}</td>
  <td>{% if event.had_relation %}{% translate "Aktiv relation" %}{% else %}<span class="badge badge--danger">
  {% translate "Utan aktiv relation" %}</span>{% endif %}</td>
  {% if choose_person %}
  <td>{% if event.person_id %}
    <form method="post" action="{% url 'audit:review_choose_person' %}" class="inline-form">
      {% csrf_token %}
      <input type="hidden" name="event" value="{{ event.pk }}">
      <button type="submit" class="button button--small button--secondary">{% translate "Bara denna person" %}
      <span class="visually-hidden">: {{ event.person_label }}</span></button>
    </form>
  {% endif %}</td>
  {% endif %}
</tr>{% endfor %}"""
TAG = "{% load audit_events %}{% audit_event_rows events choose_person %}"


def _events() -> list[AuditEvent]:
    moment = dt.datetime(2025, 3, 30, 0, 59, 58, tzinfo=dt.UTC)  # a second before summer time begins
    return [
        AuditEvent(
            pk=1,
            occurred_at=moment,
            event="person.viewed",
            actor_label="Anna <Andersson>",
            person_id=7,
            person_label='Elsa "Lind" & co',
            legal_ground=LegalGround.CONSENT,
        ),
        AuditEvent(pk=2, occurred_at=moment + dt.timedelta(hours=1), event="plan.listed", had_relation=False),
        AuditEvent(pk=3, occurred_at=moment, event="no.such.event", legal_ground=LegalGround.NONE, person_id=8),
    ]


def _html(source: str, choose_person: bool) -> str:
    request = RequestFactory().get("/")
    html = engines["django"].from_string(source).render({"events": _events(), "choose_person": choose_person}, request)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value=""', html)
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html.strip())  # whitespace next to tags is the templates' layout


@pytest.mark.parametrize("choose_person", [True, False])
def test_the_rows_are_what_the_template_loop_wrote(choose_person: bool) -> None:
    assert _html(TAG, choose_person) == _html(LOOP, choose_person)
