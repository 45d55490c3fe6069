"""Template tags for the plan header: `{% load plan_progress %}{% plan_steps plan as steps %}`."""

from __future__ import annotations

from django import template

from knutpunkt.plans.models import Plan
from knutpunkt.plans.progress import DeadlineState, Step, deadline_state, steps

register = template.Library()


@register.simple_tag
def plan_steps(plan: Plan) -> list[Step]:
    return steps(plan)


@register.simple_tag
def plan_deadline(plan: Plan) -> DeadlineState:
    return deadline_state(plan)
