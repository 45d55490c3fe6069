"""URLs of open statistics, mounted at /nyckeltal/. Each block belongs to one views module and adds to urlpatterns."""

from django.urls import URLPattern, URLResolver, path, register_converter

from knutpunkt.indicators.views import imports, living_conditions, maps, overview, warnings

app_name = "indicators"


class MunicipalityCode:
    """SCB's four-digit municipality code, e.g. 1780 for Karlstad."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class IndicatorCode:
    """Kolada's id of a key figure, e.g. n31807."""

    regex = "[A-Za-z0-9]{1,20}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(MunicipalityCode, "kommunkod")
register_converter(IndicatorCode, "nyckeltal")

urlpatterns: list[URLPattern | URLResolver] = []

# Import (views/imports.py)
urlpatterns += [path("import/", imports.imports_page, name="imports")]

# Key figures, the map, the living-conditions index and early warnings (views/overview.py, maps.py,
# living_conditions.py, warnings.py). A municipality is its four-digit SCB code, a key figure its Kolada id.
urlpatterns += [
    path("", overview.overview, name="overview"),
    path("<kommunkod:municipality_code>/<nyckeltal:indicator_code>/", overview.detail, name="detail"),
    path("karta/", maps.map_page, name="map"),
    path("levnadsvillkor/", living_conditions.index_page, name="index"),
    path("varningar/", warnings.warnings_page, name="warnings"),
]
