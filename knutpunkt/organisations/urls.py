from django.urls import path

from knutpunkt.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.overview, name="admin"),
    path("enheter/ny/", views.unit_create, name="unit_create"),
    path("enheter/<uuid:unit_uuid>/", views.unit_edit, name="unit_edit"),
    path("medarbetare/ny/", views.user_create, name="user_create"),
    path("medarbetare/<uuid:user_uuid>/", views.user_detail, name="user"),
    path("medarbetare/<uuid:user_uuid>/behorighet/ny/", views.membership_add, name="membership_add"),
    path("medarbetare/<uuid:user_uuid>/tvafaktor/aterstall/", views.second_factor_reset, name="second_factor_reset"),
    path("behorigheter/<uuid:membership_uuid>/avsluta/", views.membership_end, name="membership_end"),
]
