"""Open statistics about areas: Kolada's key figures per municipality, region and the country, the areas they
describe, the groups municipalities are compared within, and Knutpunkt's own forecasts and early warnings.

Everything here is aggregate data about areas, never about a person. Values as published carry "Källa: Kolada";
forecasts, indices and group averages are Knutpunkt's own processing and are never credited to Kolada.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    COUNTRY = "country", _("Riket")
    REGION = "region", _("Region")
    MUNICIPALITY = "municipality", _("Kommun")
    REGSO = "regso", _("RegSO-område")
    DESO = "deso", _("DeSO-område")


class Area(models.Model):
    """A place statistics describe: Sweden, a region, a municipality, or one of SCB's statistical areas.

    Codes are SCB's and unique across kinds: "0" for Sweden, two digits for a region, four for a municipality,
    eight characters (``0114R001``) for a RegSO area and nine (``0114A0010``) for a DeSO area. ``division`` names
    the DeSO/RegSO division a statistical area belongs to, since SCB redrew them in 2025 and codes of the two must
    never be mixed.
    """

    code = models.CharField(_("kod"), max_length=12, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=AreaKind.choices)
    name = models.CharField(_("namn"), max_length=200)
    parent = models.ForeignKey(
        "self", verbose_name=_("del av"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    division = models.CharField(_("indelning"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områden")
        ordering = ["code"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name


class AreaGroupKind(models.TextChoices):
    SKR = "skr", _("SKR:s kommungrupp")
    SIMILAR = "similar", _("Liknande kommuner (Kolada)")


class AreaGroup(models.Model):
    """A group of municipalities to compare with: an SKR municipality group, or Kolada's "similar municipalities"
    group made for one municipality (``for_area``), which does not include that municipality itself."""

    code = models.CharField(_("kod"), max_length=20, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=AreaGroupKind.choices)
    title = models.CharField(_("benämning"), max_length=200)
    for_area = models.ForeignKey(
        Area,
        verbose_name=_("gruppen gäller"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="similar_groups",
    )
    members = models.ManyToManyField(Area, verbose_name=_("medlemmar"), related_name="groups")

    class Meta:
        verbose_name = _("kommungrupp")
        verbose_name_plural = _("kommungrupper")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title


class Direction(models.TextChoices):
    """Which way an indicator should move for people to be better off: our judgement, not Kolada's."""

    LOWER_IS_BETTER = "lower", _("Lägre är bättre")
    HIGHER_IS_BETTER = "higher", _("Högre är bättre")
    NEUTRAL = "neutral", _("Varken bättre eller sämre")


class Indicator(models.Model):
    """A key figure (nyckeltal) as Kolada publishes it, with Knutpunkt's judgement of its desired direction."""

    code = models.CharField(_("id"), max_length=20, unique=True)
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    operating_area = models.CharField(_("verksamhetsområde"), max_length=200, blank=True)
    perspective = models.CharField(_("perspektiv"), max_length=100, blank=True)
    municipality_type = models.CharField(_("gäller"), max_length=10, blank=True)
    is_divided_by_gender = models.BooleanField(_("finns per kön"), default=False)
    publication_date = models.DateField(_("publicerad"), null=True, blank=True)
    direction = models.CharField(
        _("önskad riktning"), max_length=10, choices=Direction.choices, default=Direction.NEUTRAL
    )

    class Meta:
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_share(self) -> bool:
        """A percentage (Kolada's titles end in "andel (%)"), bounded by 0 and 100."""
        return "(%)" in self.title


class Gender(models.TextChoices):
    TOTAL = "T", _("Totalt")
    WOMEN = "K", _("Kvinnor")
    MEN = "M", _("Män")


class IndicatorValue(models.Model):
    """One published value: an indicator for an area, a year and a gender (T for all)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="indicator_values")
    year = models.PositiveSmallIntegerField(_("år"))
    gender = models.CharField(_("kön"), max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.FloatField(_("värde"))

    class Meta:
        verbose_name = _("värde")
        verbose_name_plural = _("värden")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "year", "gender"], name="unique_indicator_value")
        ]
        indexes = [models.Index(fields=["indicator", "year", "gender"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.year} {self.gender}: {self.value}"


class ImportRun(models.Model):
    """One completed import: who loaded which files and what changed. A failed import leaves no row at all."""

    started_at = models.DateTimeField(_("startad"))
    finished_at = models.DateTimeField(_("klar"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("importerad av"), null=True, blank=True, on_delete=models.PROTECT
    )
    source = models.CharField(_("källa"), max_length=300)
    files = models.JSONField(_("filer"), default=list)
    created = models.PositiveIntegerField(_("nya värden"), default=0)
    updated = models.PositiveIntegerField(_("ändrade värden"), default=0)
    unchanged = models.PositiveIntegerField(_("oförändrade värden"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-finished_at"]

    def __str__(self) -> str:
        return f"{self.source} {self.finished_at:%Y-%m-%d %H:%M}"


class ForecastRun(models.Model):
    """One refresh of every forecast. Only the newest finished run is shown; a refresh replaces the one before."""

    started_at = models.DateTimeField(_("startad"))
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    method = models.CharField(_("metod"), max_length=100)
    horizon = models.PositiveSmallIntegerField(_("år framåt"))
    series = models.PositiveIntegerField(_("antal serier"), default=0)
    seconds = models.FloatField(_("tid (s)"), default=0)

    class Meta:
        verbose_name = _("prognoskörning")
        verbose_name_plural = _("prognoskörningar")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.method} {self.started_at:%Y-%m-%d %H:%M}"


class Forecast(models.Model):
    """Knutpunkt's forecast of an indicator for a municipality and a future year, with 80 % and 95 % prediction
    intervals. Our processing of Kolada's figures: never shown as Kolada's."""

    run = models.ForeignKey(ForecastRun, on_delete=models.CASCADE, related_name="forecasts")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="forecasts")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="forecasts")
    year = models.PositiveSmallIntegerField(_("år"))
    value = models.FloatField(_("prognos"))
    low_80 = models.FloatField()
    high_80 = models.FloatField()
    low_95 = models.FloatField()
    high_95 = models.FloatField()

    class Meta:
        verbose_name = _("prognos")
        verbose_name_plural = _("prognoser")
        constraints = [
            models.UniqueConstraint(fields=["run", "indicator", "area", "year"], name="unique_forecast_year")
        ]
        indexes = [models.Index(fields=["indicator", "area"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.year}: {self.value}"


class EarlyWarning(models.Model):
    """A municipality whose indicator is heading the wrong way clearly faster than in its similar municipalities,
    found by a forecast run. ``severity`` orders the list; the explanation is written from the figures stored here."""

    run = models.ForeignKey(ForecastRun, on_delete=models.CASCADE, related_name="warnings")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="warnings")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="warnings")
    severity = models.FloatField(_("allvarlighet"))
    # Change per year, in the indicator's unit: the municipality's and the median of its comparison group.
    trend = models.FloatField(_("förändring per år"))
    group_trend = models.FloatField(_("jämförelsegruppens förändring per år"))
    last_year = models.PositiveSmallIntegerField(_("senaste år"))
    last_value = models.FloatField(_("senaste värde"))
    forecast_year = models.PositiveSmallIntegerField(_("prognosår"))
    forecast_value = models.FloatField(_("prognos"))
    group = models.ForeignKey(AreaGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("tidig varning")
        verbose_name_plural = _("tidiga varningar")
        ordering = ["-severity"]
        constraints = [models.UniqueConstraint(fields=["run", "indicator", "area"], name="unique_warning")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code}: {self.severity:.2f}"
