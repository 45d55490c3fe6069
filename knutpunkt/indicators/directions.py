"""Which way each shared key figure should move for people to be better off.

Kolada publishes values, not judgements: this table is Knutpunkt's. It decides whether an increase is a warning
(early warning), which end of a ranking is shown first, and the sign of an indicator in the living-conditions
index. A key figure not listed here is neutral: it is shown and forecast, never warned about.
"""

from __future__ import annotations

from knutpunkt.indicators.models import Direction

LOWER = Direction.LOWER_IS_BETTER
HIGHER = Direction.HIGHER_IS_BETTER

DIRECTIONS: dict[str, Direction] = {
    # Health and safety
    "n01452": LOWER,  # serious mental strain, 16-84
    "n01460": LOWER,  # exposed to violence or threats, 16-84
    "n07403": LOWER,  # reported violent crime per 100,000
    "n07540": LOWER,  # reported crime per 100,000
    "n07541": LOWER,  # reported violence indoors against children and young people
    "n07542": LOWER,  # reported violence outdoors against children and young people
    # Reported narcotics crime follows police effort as much as use; still, a rise is what a coordinator must see.
    "n07544": LOWER,
    "n07609": LOWER,  # feeling unsafe outdoors late in the evening (NTU)
    # Economy, work and housing
    "n01454": LOWER,  # persistently low economic standard, 25+
    "n66077": LOWER,  # low economic standard, 0-19
    "n02267": HIGHER,  # employment rate 20-64
    "n02797": LOWER,  # 16-24 neither working nor studying
    "n03921": LOWER,  # unemployment 16-24
    "n03926": LOWER,  # long-term unemployment 25-65
    "n07907": LOWER,  # overcrowding in multi-dwelling buildings
    "n02903": LOWER,  # 0-19 with a parent on sickness or activity compensation
    # Economic assistance
    "n31807": LOWER,  # residents who received economic assistance
    "n31816": LOWER,  # long-term economic assistance
    "u31803": LOWER,  # children in families with economic assistance
    "u31804": LOWER,  # young adults with economic assistance
    # School
    "n15428": HIGHER,  # year 9 eligible for a vocational programme
    "n15507": HIGHER,  # year 9 merit value
    "n15508": HIGHER,  # year 9 passed all subjects
    "n17445": HIGHER,  # upper secondary degree within 3 years
    # Children's social services
    "n33816": LOWER,  # children placed in residential care (HVB)
    "n33817": LOWER,  # children placed in foster homes
    "u33401": LOWER,  # investigation time for children, days
}


def direction_of(code: str) -> Direction:
    return DIRECTIONS.get(code, Direction.NEUTRAL)
