from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "knutpunkt.people"
    label = "people"
