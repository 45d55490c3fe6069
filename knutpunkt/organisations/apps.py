from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "knutpunkt.organisations"
    label = "organisations"
