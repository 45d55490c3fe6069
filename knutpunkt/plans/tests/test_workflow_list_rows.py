"""The list of plans writes its rows with a template tag for speed: the markup must be what the template loop
wrote, kept here as it was, for every deadline state: met in time or late, closed, overdue, near and far."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from django.template import engines
from django.test import RequestFactory

from knutpunkt.organisations.models import Organisation, Unit
from knutpunkt.people.models import Person, Protection
from knutpunkt.plans.models import AgreementProfile, Plan, PlanStatus
from knutpunkt.plans.progress import DeadlineState

LOOP = """{% load i18n %}{% for plan, step, deadline in rows %}
<tr>
  <th scope="row"><a href="{% url 'plans:detail' plan_uuid=plan.uuid %}">{{ plan.person.full_name }}</a>
    {% if plan.person.is_protected %}<span class="protected-marker">{% translate "Skyddade personuppgifter" %}
    </span>{% endif %}</th>
  <td>{{ plan.profile.name }}</td>
  <td>{{ step }}</td>
  <td>{{ deadline.deadline|date:"SHORT_DATE_FORMAT" }}
    {% if deadline.met %}<span class="badge{% if deadline.met_in_time %} badge--ok{% else %} badge--danger{% endif %}">
    {% if deadline.met_in_time %}{% translate "Klarad i tid" %}{% else %}{% translate "Klarad för sent" %}{% endif %}
    </span>
    {% elif plan.is_closed %}
    {% elif deadline.overdue %}<span class="badge badge--danger">{% blocktranslate count days=deadline.days_overdue %}
    {{ days }} dag försenad{% plural %}{{ days }} dagar försenad{% endblocktranslate %}</span>
    {% else %}<span class="badge{% if deadline.days_left <= 3 %} badge--warn{% endif %}">
    {% blocktranslate count days=deadline.days_left %}{{ days }} dag kvar{% plural %}{{ days }} dagar kvar
    {% endblocktranslate %}</span>{% endif %}</td>
  <td>{{ plan.next_followup_on|date:"SHORT_DATE_FORMAT"|default:"–" }}</td>
  <td>{{ plan.initiating_unit }}</td>
</tr>{% endfor %}"""
TAG = "{% load plan_worklists %}{% plan_list_rows rows %}"
DAY = dt.date(2025, 3, 1)


def _plan(status: str = PlanStatus.PLANNING, protection: str = Protection.NONE) -> Plan:
    unit = Unit(name="Barn & unga", organisation=Organisation(name="Socialtjänsten <Karlstad>"))
    return Plan(
        uuid=uuid.uuid4(),
        status=status,
        person=Person(first_name="Elsa", last_name='"Lind"', protection=protection),
        profile=AgreementProfile(name="Barn och unga (Värmland)"),
        initiating_unit=unit,
        next_followup_on=DAY if status == PlanStatus.ESTABLISHED else None,
    )


def _rows() -> list[tuple[Plan, str, DeadlineState]]:
    return [
        (_plan(PlanStatus.ESTABLISHED), "4. Plan", DeadlineState(DAY, "meeting", DAY, -30)),
        (_plan(), "3. Kallelse", DeadlineState(DAY, "summons", DAY + dt.timedelta(days=2), -20)),
        (_plan(PlanStatus.CLOSED), "Avslutad", DeadlineState(DAY, "meeting", None, -9)),
        (
            _plan(protection=Protection.PROTECTED_REGISTRATION),
            "2. Förberedelse",
            DeadlineState(DAY, "meeting", None, -1),
        ),
        (_plan(), "1. Begäran", DeadlineState(DAY, "meeting", None, 1)),
        (_plan(), "1. Begäran", DeadlineState(DAY, "meeting", None, 12)),
    ]


def _html(source: str, rows: list[tuple[Plan, str, DeadlineState]]) -> str:
    html = engines["django"].from_string(source).render({"rows": rows}, RequestFactory().get("/"))
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html.strip())  # whitespace next to tags is the templates' layout


def test_the_rows_are_what_the_template_loop_wrote() -> None:
    rows = _rows()
    assert _html(TAG, rows) == _html(LOOP, rows)
