from django.urls import include, path
from django.views.i18n import set_language

from knutpunkt.api.endpoints import api
from knutpunkt.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("sprak/", set_language, name="set_language"),
    path("konto/", include("knutpunkt.accounts.urls")),
    path("organisation/", include("knutpunkt.organisations.urls")),
    path("personer/", include("knutpunkt.people.urls")),
    path("logg/", include("knutpunkt.audit.urls")),
    path("sip/", include("knutpunkt.plans.urls")),
    path("nyckeltal/", include("knutpunkt.indicators.urls")),
    path("forebyggande/", include("knutpunkt.prevention.urls")),
    path("api/v1/", api.urls),
    path("konto/api-nycklar/", include("knutpunkt.api.urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("", include("knutpunkt.core.urls")),
]
