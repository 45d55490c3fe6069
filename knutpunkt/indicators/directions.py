"""Which way each shared key figure should move for people to be better off, and what an early warning calls it.

Kolada publishes values, not judgements: this table is Knutpunkt's. The direction decides whether an increase is a
warning (early warning), which end of a ranking is shown first, which end of a map is darker and the sign of an
indicator in the living-conditions index. A key figure not listed here is neutral: it is shown and forecast, never
warned about.

`worse_when_higher` is the one place that turns a direction into "which way is worse"; everything that needs to
know asks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from knutpunkt.indicators.models import Direction

LOWER = Direction.LOWER_IS_BETTER
HIGHER = Direction.HIGHER_IS_BETTER


@dataclass(frozen=True)
class KeyFigure:
    """Knutpunkt's words about one shared key figure."""

    direction: Direction
    # What an early warning's sentence calls the key figure, and the pronoun that refers back to it ("den"/"det").
    subject: Promise
    pronoun: str


KEY_FIGURES: dict[str, KeyFigure] = {
    # Health and safety
    "n01452": KeyFigure(  # serious mental strain, 16-84
        LOWER, gettext_lazy("Andelen invånare 16–84 år med allvarlig psykisk påfrestning"), "den"
    ),
    "n01460": KeyFigure(  # exposed to violence or threats, 16-84
        LOWER, gettext_lazy("Andelen invånare 16–84 år som utsatts för våld eller hot om våld"), "den"
    ),
    "n07403": KeyFigure(LOWER, gettext_lazy("Antalet anmälda våldsbrott"), "det"),  # per 100,000
    "n07540": KeyFigure(LOWER, gettext_lazy("Antalet anmälda brott"), "det"),  # per 100,000
    "n07541": KeyFigure(LOWER, gettext_lazy("Anmält våld mot barn och unga i inomhusmiljö"), "det"),
    "n07542": KeyFigure(LOWER, gettext_lazy("Anmält våld mot barn och unga i utomhusmiljö"), "det"),
    # Reported narcotics crime follows police effort as much as use; still, a rise is what a coordinator must see.
    "n07544": KeyFigure(LOWER, gettext_lazy("Antalet anmälda narkotikabrott"), "det"),
    "n07609": KeyFigure(  # feeling unsafe outdoors late in the evening (NTU)
        LOWER, gettext_lazy("Andelen som känner sig otrygga ute sent på kvällen i sitt bostadsområde"), "den"
    ),
    # Economy, work and housing
    "n01454": KeyFigure(  # persistently low economic standard, 25+
        LOWER, gettext_lazy("Andelen invånare 25 år och äldre med varaktigt låg ekonomisk standard"), "den"
    ),
    "n66077": KeyFigure(  # low economic standard, 0-19
        LOWER, gettext_lazy("Andelen barn och unga 0–19 år med låg ekonomisk standard"), "den"
    ),
    "n02267": KeyFigure(HIGHER, gettext_lazy("Sysselsättningsgraden bland 20–64-åringar"), "den"),
    "n02797": KeyFigure(  # 16-24 neither working nor studying
        LOWER, gettext_lazy("Andelen unga som varken arbetar eller studerar"), "den"
    ),
    "n03921": KeyFigure(LOWER, gettext_lazy("Arbetslösheten bland unga 16–24 år"), "den"),
    "n03926": KeyFigure(LOWER, gettext_lazy("Långtidsarbetslösheten bland 25–65-åringar"), "den"),
    "n07907": KeyFigure(LOWER, gettext_lazy("Trångboddheten i flerbostadshus"), "den"),
    "n02903": KeyFigure(  # 0-19 with a parent on sickness or activity compensation
        LOWER,
        gettext_lazy("Andelen barn och unga 0–19 år med minst en förälder med sjuk- eller aktivitetsersättning"),
        "den",
    ),
    # Economic assistance
    "n31807": KeyFigure(  # residents who received economic assistance
        LOWER, gettext_lazy("Andelen invånare som någon gång under året fått ekonomiskt bistånd"), "den"
    ),
    "n31816": KeyFigure(LOWER, gettext_lazy("Andelen vuxna med långvarigt ekonomiskt bistånd"), "den"),
    "u31803": KeyFigure(LOWER, gettext_lazy("Andelen barn i familjer med ekonomiskt bistånd"), "den"),
    "u31804": KeyFigure(LOWER, gettext_lazy("Andelen unga vuxna 18–24 år med ekonomiskt bistånd"), "den"),
    # School
    "n15428": KeyFigure(  # year 9 eligible for a vocational programme
        HIGHER, gettext_lazy("Andelen elever i åk 9 som är behöriga till yrkesprogram"), "den"
    ),
    "n15507": KeyFigure(HIGHER, gettext_lazy("Meritvärdet i åk 9"), "det"),
    "n15508": KeyFigure(  # year 9 passed all subjects
        HIGHER, gettext_lazy("Andelen elever i åk 9 som uppnått betygskriterierna i alla ämnen"), "den"
    ),
    "n17445": KeyFigure(  # upper secondary degree within 3 years
        HIGHER, gettext_lazy("Andelen gymnasieelever med examen inom 3 år"), "den"
    ),
    # Children's social services
    "n33816": KeyFigure(  # children placed in residential care (HVB)
        LOWER, gettext_lazy("Antalet barn och unga 0–20 år som placerats på HVB"), "det"
    ),
    "n33817": KeyFigure(  # children placed in foster homes
        LOWER, gettext_lazy("Antalet barn och unga 0–20 år som placerats i familjehem"), "det"
    ),
    "u33401": KeyFigure(LOWER, gettext_lazy("Utredningstiden inom barn och unga"), "den"),  # investigation time
}


def direction_of(code: str) -> Direction:
    found = KEY_FIGURES.get(code)
    return found.direction if found else Direction.NEUTRAL


def worse_when_higher(direction: str) -> int:
    """+1 where a higher value is worse (lower is better), -1 where a higher value is better, 0 for a key figure
    without a direction."""
    if direction == Direction.LOWER_IS_BETTER:
        return 1
    if direction == Direction.HIGHER_IS_BETTER:
        return -1
    return 0
