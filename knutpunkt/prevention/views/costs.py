"""The cost-of-exclusion calculator of a measure: the municipality's own assumptions per payer, and what follows
from them year by year, with and without the measure. Members of the municipality read it; editors change the
assumptions. The page says, every time, that the figures are the municipality's assumptions and nothing more."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from knutpunkt.prevention import access, actions, cost_rows, costs
from knutpunkt.prevention.forms.costs import CostForm
from knutpunkt.prevention.models import Payer
from knutpunkt.prevention.views.common import GET_POST, actor_of, after_conflict, posted


@login_required
@never_cache
@require_http_methods(GET_POST)
def calculator(request: HttpRequest, plan_uuid: UUID, measure_uuid: UUID) -> HttpResponse:
    actor = actor_of(request)
    plan = access.get_plan(actor, plan_uuid)
    measure = access.get_measure(plan, measure_uuid)
    may_edit = access.may_edit_plan(actor, plan)
    if request.method == "POST" and not may_edit:
        raise Http404
    model = access.get_cost_model(measure)
    form = CostForm(posted(request), cost_model=model, measure_budget=measure.budget) if may_edit else None
    differences: list[tuple[str, str, str]] = []
    if form is not None and form.is_bound and form.is_valid():
        assert actor is not None
        try:
            actions.save_costs(actor, measure, form.cleaned_data["lock_version"], form.details())
        except actions.EditConflict:
            model = access.get_cost_model(measure)
            saved = CostForm(cost_model=model, measure_budget=measure.budget)
            differences = form.differences(saved)
            form = after_conflict(
                request,
                CostForm,
                model.lock_version if model else 0,
                cost_model=model,
                measure_budget=measure.budget,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Antagandena är sparade och kalkylen är räknad om."))
            return redirect("prevention:costs", plan_uuid=plan.uuid, measure_uuid=measure.uuid)
    result = costs.calculate(costs.assumptions_of(model)) if model is not None else None
    payer_rows = cost_rows.payer_rows(model, result) if model is not None and result is not None else []
    return render(
        request,
        "prevention/costs.html",
        {
            "plan": plan,
            "measure": measure,
            "model": model,
            "result": result,
            "payers": [(payer, label) for payer, label in Payer.choices],
            "payer_rows": payer_rows,
            "has_examples": any(row.example for row in payer_rows),
            "form": form,
            "differences": differences,
        },
    )
