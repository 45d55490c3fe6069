from django.contrib.auth.decorators import login_required
from django.urls import path

from knutpunkt.api import views

app_name = "api_keys"
urlpatterns = [
    path("", login_required(views.keys), name="list"),
    path("<uuid:key_uuid>/sparra/", login_required(views.revoke), name="revoke"),
]
