from django.urls import path

from knutpunkt.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("ny/", views.create, name="create"),
    path("<uuid:person_uuid>/", views.detail, name="detail"),
    path("<uuid:person_uuid>/skyddad-adress/", views.reveal_address, name="reveal_address"),
    path("<uuid:person_uuid>/andra/", views.edit, name="edit"),
    path("<uuid:person_uuid>/relationer/ny/", views.relation_create, name="relation_create"),
    path("<uuid:person_uuid>/relationer/<uuid:relation_uuid>/avsluta/", views.relation_end, name="relation_end"),
    path(
        "<uuid:person_uuid>/registreringar/<uuid:registration_uuid>/avsluta/",
        views.registration_end,
        name="registration_end",
    ),
    path("<uuid:person_uuid>/samtycke/ny/", views.consent_create, name="consent_create"),
    path("<uuid:person_uuid>/samtycke/<uuid:consent_uuid>/", views.consent_detail, name="consent_detail"),
    path("<uuid:person_uuid>/samtycke/<uuid:consent_uuid>/aterkalla/", views.consent_withdraw, name="consent_withdraw"),
]
