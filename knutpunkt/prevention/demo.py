"""Prevention work in the demo, for Karlstad (SCB code 1780): a decided action plan for preventive social work with
two versions and follow-ups over the past two years, and the crime-prevention cycle of Lag 2023:196 — a finished
situation report, the action plan decided on it, a follow-up and the next update date. One measure has a cost
calculation, its figures marked as examples to replace.

The demo imports Kolada's values before this runs: baselines are the municipality's published values, and a key
figure without a value for Karlstad is simply not linked. Everything goes through the actions, so the audit log
shows the demo analyst's work. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from knutpunkt.indicators.directions import direction_of
from knutpunkt.indicators.models import Area, Direction, Gender, Indicator, IndicatorValue
from knutpunkt.organisations.access import Actor
from knutpunkt.organisations.models import Membership, Organisation, OrganisationKind, Role
from knutpunkt.prevention import actions, figures
from knutpunkt.prevention.cost_rows import EXAMPLE_SOURCE
from knutpunkt.prevention.models import (
    ActionPlan,
    EvidenceLevel,
    Measure,
    MeasureStatus,
    Payer,
    PlanKind,
    ResponsibleKind,
    SituationReport,
)

MUNICIPALITY_CODE = "1780"
PLAN_TITLE = "Handlingsplan för förebyggande socialt arbete"
REPORT_TITLE = "Lägesbild: brottslighet och trygghet i Karlstad"
CRIME_PLAN_TITLE = "Brottsförebyggande åtgärdsplan"


@dataclass(frozen=True)
class DemoMeasure:
    title: str
    description: str
    responsible_kind: str
    responsible_name: str
    target_group: str
    area_text: str
    budget: int
    evidence_level: str
    goal: int  # index into the plan's goals
    indicators: tuple[str, ...]
    status: str = MeasureStatus.ONGOING


GOALS = (
    ("Fler barn och unga klarar skolan och går vidare till studier eller arbete.", True),
    ("Färre barn växer upp i familjer med långvarigt ekonomiskt bistånd.", True),
    ("Barn och unga känner sig trygga i sina bostadsområden och på fritiden.", True),
)

MEASURES = (
    DemoMeasure(
        "Närvaroteam och tidig upptäckt av frånvaro",
        "Skolor larmar vid 10 procents frånvaro; närvaroteamet och elevhälsan gör en plan med familjen inom två "
        "veckor.",
        ResponsibleKind.SCHOOL,
        "Barn- och ungdomsförvaltningen",
        "Elever i årskurs 4–9 med oroande frånvaro",
        "Alla kommunala grundskolor",
        2_400_000,
        EvidenceLevel.SOME,
        0,
        ("n15428", "n17445"),
    ),
    DemoMeasure(
        "Föräldraskapsstöd och familjecoacher för familjer med ekonomiskt bistånd",
        "Familjecoacher från socialtjänsten och arbetsmarknadsenheten arbetar med hela familjen mot egen försörjning.",
        ResponsibleKind.SOCIAL_SERVICES,
        "Arbetsmarknads- och socialförvaltningen",
        "Barnfamiljer med ekonomiskt bistånd i mer än tio månader",
        "Kronoparken och Våxnäs",
        3_100_000,
        EvidenceLevel.PROMISING,
        1,
        ("u31803", "n31816"),
    ),
    DemoMeasure(
        "Öppen fritidsverksamhet fredag och lördag kväll",
        "Fritidsgårdar och idrottshallar håller öppet sena kvällar med vuxna på plats, i samarbete med föreningar.",
        ResponsibleKind.CULTURE_LEISURE,
        "Kultur- och fritidsförvaltningen",
        "Unga 13–19 år",
        "Kronoparken, Rud och Gruvlyckan",
        1_200_000,
        EvidenceLevel.PROMISING,
        2,
        ("n07609", "n07542"),
    ),
    DemoMeasure(
        "Läxhjälp och mentorer genom idéburet offentligt partnerskap",
        "Föreningar erbjuder läxhjälp och vuxna förebilder; kommunen står för lokaler och ett IOP-avtal.",
        ResponsibleKind.CIVIL_SOCIETY,
        "Föreningar i IOP-avtalet",
        "Elever i årskurs 6–9",
        "Kronoparken",
        450_000,
        EvidenceLevel.SOME,
        0,
        ("n15508",),
    ),
    DemoMeasure(
        "Medborgarlöfte och trygghetsvandringar",
        "Polisen och kommunen lovar gemensamma insatser där boende känner sig otrygga och följer upp dem varje år.",
        ResponsibleKind.POLICE,
        "Lokalpolisområde Karlstad",
        "Boende i utsatta bostadsområden",
        "Centrum och Kronoparken",
        300_000,
        EvidenceLevel.PROMISING,
        2,
        ("n07609", "n07403"),
    ),
)

# Added after the first year, and decided in version 2.
LATER_MEASURE = DemoMeasure(
    "Samverkan om psykisk ohälsa med ungdomsmottagning och BUP",
    "En gemensam väg in för unga med psykisk ohälsa: elevhälsan, ungdomsmottagningen och BUP möts varje vecka.",
    ResponsibleKind.REGION,
    "Region Värmland",
    "Unga 13–24 år med lätt till medelsvår psykisk ohälsa",
    "Hela kommunen",
    800_000,
    EvidenceLevel.SOME,
    2,
    ("n01452", "n02797"),
)

CRIME_MEASURES = (
    DemoMeasure(
        "Sociala insatsgrupper för unga i riskzon",
        "Socialtjänsten, polisen och skolan samordnar insatser för unga som riskerar att dras in i kriminalitet.",
        ResponsibleKind.SOCIAL_SERVICES,
        "Arbetsmarknads- och socialförvaltningen",
        "Unga 15–20 år",
        "Hela kommunen",
        1_800_000,
        EvidenceLevel.SOME,
        0,
        ("n07403", "n07544"),
    ),
    DemoMeasure(
        "Platssamverkan och bättre belysning i centrum",
        "Fastighetsägare, kommunen och polisen åtgärdar platser som lägesbilden pekar ut: belysning, "
        "städning och kameror.",
        ResponsibleKind.POLICE,
        "Lokalpolisområde Karlstad och tekniska förvaltningen",
        "Alla som rör sig i centrum kvällstid",
        "Centrum",
        950_000,
        EvidenceLevel.PROMISING,
        1,
        ("n07609", "n07540"),
    ),
)


def _actor(municipality: Organisation) -> Actor | None:
    """The demo analyst (or a unit manager) of the municipality: the one who writes the plans."""
    inside = (
        Q(unit__organisation=municipality)
        | Q(unit__organisation__parent=municipality)
        | Q(unit__organisation__parent__parent=municipality)
    )
    memberships = (
        Membership.objects.filter(inside, ended_at__isnull=True, role__in=[Role.ANALYST, Role.UNIT_MANAGER])
        .select_related("user", "unit__organisation__parent__parent")
        .order_by("id")
    )
    for role in (Role.ANALYST, Role.UNIT_MANAGER):
        for membership in memberships:
            if membership.role == role and membership.unit.organisation.principal.pk == municipality.pk:
                return Actor(user=membership.user, membership=membership, request_id="demo")
    return None


def _values(indicator: Indicator, area: Area) -> list[tuple[int, float]]:
    return list(
        IndicatorValue.objects.filter(indicator=indicator, area=area, gender=Gender.TOTAL)
        .order_by("year")
        .values_list("year", "value")
    )


def _link(actor: Actor, measure: Measure, code: str, area: Area | None, before_year: int, target_year: int) -> bool:
    """Link the key figure with the value published before the plan as the baseline; skipped without values."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None or area is None:
        return False
    values = _values(indicator, area)
    if not values:
        return False
    earlier = [v for v in values if v[0] <= before_year] or values[:1]
    if len(earlier) > 1 and earlier[-1] == values[-1]:
        # Kolada publishes a year late: what the plan started from is the value before the newest one.
        earlier = earlier[:-1]
    year, value = earlier[-1]
    if target_year <= year:
        return False
    direction = indicator.direction if indicator.direction != Direction.NEUTRAL else direction_of(code)
    target = value * 1.1 if direction == Direction.HIGHER_IS_BETTER else value * 0.9
    if indicator.is_share:
        target = min(target, 100.0)
    # Every action here updates the lock version of the plan object it is given (measure.plan is the same object).
    actions.link_indicator(
        actor,
        measure,
        measure.plan.lock_version,
        actions.LinkDetails(indicator, year, value, target_year, round(target, 1), ""),
    )
    return True


def _measures(
    actor: Actor,
    plan: ActionPlan,
    specs: tuple[DemoMeasure, ...],
    goals: list[object],
    starts_on: dt.date,
    before_year: int,
) -> list[Measure]:
    """Measures with their key figures; a measure none of whose figures has values is left out."""
    area = figures.municipality_area(plan.municipality)
    created = []
    for spec in specs:
        values = {
            "title": spec.title,
            "description": spec.description,
            "goal": goals[spec.goal] if spec.goal < len(goals) else None,
            "responsible_kind": spec.responsible_kind,
            "responsible_name": spec.responsible_name,
            "target_group": spec.target_group,
            "area_text": spec.area_text,
            "budget": Decimal(spec.budget),
            "starts_on": starts_on,
            "ends_on": plan.period_to,
            "evidence_level": spec.evidence_level,
            "status": MeasureStatus.PLANNED,
        }
        measure = actions.save_measure(actor, plan, plan.lock_version, values)
        linked = [
            code for code in spec.indicators if _link(actor, measure, code, area, before_year, plan.period_to.year)
        ]
        if not linked:
            actions.remove_measure(actor, plan, plan.lock_version, measure)
            continue
        if spec.status != MeasureStatus.PLANNED:
            actions.save_measure(actor, plan, plan.lock_version, {"status": spec.status}, measure)
        created.append(measure)
    return created


def _goals(actor: Actor, plan: ActionPlan, texts: tuple[tuple[str, bool], ...]) -> list[object]:
    goals: list[object] = []
    for text, measurable in texts:
        goals.append(actions.save_goal(actor, plan, plan.lock_version, text=text, measurable=measurable))
    return goals


def _preventive_plan(actor: Actor, municipality: Organisation, today: dt.date) -> None:
    first_decision = today - dt.timedelta(days=700)
    second_decision = today - dt.timedelta(days=330)
    plan = actions.create_plan(
        actor,
        actions.PlanDetails(
            kind=PlanKind.PREVENTIVE,
            title=PLAN_TITLE,
            period_from=dt.date(first_decision.year, 1, 1),
            period_to=dt.date(first_decision.year + 3, 12, 31),
        ),
    )
    goals = _goals(actor, plan, GOALS)
    measures = _measures(actor, plan, MEASURES, goals, first_decision, first_decision.year - 1)
    if not measures:
        return
    actions.decide_plan(
        actor,
        plan,
        plan.lock_version,
        actions.Decision("Kommunstyrelsen", first_decision, first_decision + dt.timedelta(days=180)),
    )
    actions.record_followup(
        actor,
        plan,
        measure=measures[0],
        held_on=first_decision + dt.timedelta(days=170),
        text="Närvaroteamen är i gång på alla skolor. Frånvaron har minskat på tre av fem skolor; "
        "rutinen för larm behöver bli tydligare på högstadiet.",
    )
    actions.record_followup(
        actor,
        plan,
        held_on=first_decision + dt.timedelta(days=360),
        text="Årlig uppföljning i kommunstyrelsen. Alla åtgärder har startat. Samverkan med regionen om psykisk "
        "ohälsa saknas i planen och läggs till; budgeten för fritidsverksamheten höjs.",
        next_followup_on=second_decision + dt.timedelta(days=180),
    )
    # The plan changes after a year, and the committee decides version 2.
    later = _measures(actor, plan, (LATER_MEASURE,), goals, second_decision, first_decision.year - 1)
    leisure = next((m for m in measures if m.responsible_kind == ResponsibleKind.CULTURE_LEISURE), None)
    if leisure is not None:
        actions.save_measure(actor, plan, plan.lock_version, {"budget": Decimal(1_500_000)}, leisure)
    actions.decide_plan(
        actor,
        plan,
        plan.lock_version,
        actions.Decision(
            "Kommunstyrelsen",
            second_decision,
            today + dt.timedelta(days=60),
            "Samverkan om psykisk ohälsa med regionen tillagd; mer pengar till kvällsöppen fritidsverksamhet.",
        ),
    )
    for measure in [*measures[1:3], *later]:
        actions.record_followup(
            actor,
            plan,
            measure=measure,
            held_on=today - dt.timedelta(days=45),
            text="Åtgärden pågår enligt plan. Deltagandet är högre än väntat; nyckeltalen följs upp när nästa års "
            "värden är publicerade.",
        )
    # The civil-society measure has gone a year without a follow-up: the start page flags it.
    _costs(actor, measures[0])


def _costs(actor: Actor, measure: Measure) -> None:
    """An example calculation for the attendance teams, every figure marked as an example to replace."""
    actions.save_costs(
        actor,
        measure,
        0,
        actions.CostDetails(
            group_size=60,
            kept_out_without=Decimal(55),
            kept_out_with=Decimal(75),
            effect_from_year=2,
            years=10,
            discount_rate=Decimal("3.5"),
            measure_cost_initial=Decimal(400_000),
            measure_cost_yearly=Decimal(2_400_000),
            note="Demokalkyl. Målgruppen är elever med oroande frånvaro; effekten antas från år 2.",
            assumptions={
                Payer.MUNICIPALITY: (Decimal(150_000), str(EXAMPLE_SOURCE)),
                Payer.REGION: (Decimal(30_000), str(EXAMPLE_SOURCE)),
                Payer.STATE: (Decimal(100_000), str(EXAMPLE_SOURCE)),
                Payer.JUSTICE: (Decimal(20_000), str(EXAMPLE_SOURCE)),
            },
        ),
    )


def _crime_cycle(actor: Actor, municipality: Organisation, today: dt.date) -> None:
    codes = [i.code for i in figures.mapping_choices()]
    if not codes:
        return
    report = actions.create_report(
        actor,
        actions.ReportDetails(
            title=REPORT_TITLE,
            period_from=dt.date(today.year - 1, 1, 1),
            period_to=dt.date(today.year, 12, 31),
            indicator_codes=codes,
            other_information=(
                "Polisens lokala lägesbild: öppen narkotikahandel vid resecentrum och i Kronoparken, och unga som "
                "rekryteras till kriminella nätverk. Skolornas trygghetsenkät: fler elever i årskurs 8 känner sig "
                "otrygga på väg hem. Civilsamhället (nattvandrare, kyrkor) beskriver samma platser."
            ),
            analysis=(
                "Våldsbrotten ligger nära riket men är koncentrerade till centrum på helgkvällar och till två "
                "bostadsområden. Otryggheten är störst bland kvinnor och unga. Narkotikabrotten speglar både handel "
                "och polisens arbete. Insatserna bör riktas till platserna i centrum och till unga i riskzon, i "
                "samverkan med polisen."
            ),
        ),
    )
    actions.finish_report(actor, report, report.lock_version, done_on=today - dt.timedelta(days=150))
    decided_on = today - dt.timedelta(days=120)
    plan = actions.create_plan_from_report(
        actor,
        report,
        title=f"{CRIME_PLAN_TITLE} {report.period_from.year}–{report.period_to.year}",
        period_from=report.period_from,
        period_to=report.period_to,
    )
    goals = _goals(
        actor,
        plan,
        (
            ("Färre anmälda våldsbrott i centrum kvällstid.", True),
            ("Fler känner sig trygga utomhus sena kvällar.", True),
        ),
    )
    measures = _measures(actor, plan, CRIME_MEASURES, goals, decided_on, report.period_from.year)
    if not measures:
        return
    actions.decide_plan(
        actor, plan, plan.lock_version, actions.Decision("Kommunstyrelsen", decided_on, today + dt.timedelta(days=100))
    )
    actions.record_followup(
        actor,
        plan,
        held_on=today - dt.timedelta(days=20),
        text="Första uppföljningen i brottsförebyggande rådet. Platssamverkan i centrum har kommit i gång; "
        "sociala insatsgrupper har fem deltagare. Nästa uppföljning när polisens halvårsrapport finns.",
        next_followup_on=today + dt.timedelta(days=100),
    )


def seed_prevention_demo(today: dt.date | None = None) -> None:
    """Seed Karlstad's prevention work once. Does nothing without Karlstad or someone there who may write it."""
    today = today or timezone.localdate()
    municipality = Organisation.objects.filter(
        code=MUNICIPALITY_CODE, parent__isnull=True, kind=OrganisationKind.MUNICIPALITY
    ).first()
    if municipality is None:
        return
    actor = _actor(municipality)
    if actor is None:
        return
    if not ActionPlan.objects.filter(municipality=municipality, title=PLAN_TITLE).exists():
        _preventive_plan(actor, municipality, today)
    if not SituationReport.objects.filter(municipality=municipality, title=REPORT_TITLE).exists():
        _crime_cycle(actor, municipality, today)
