from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "knutpunkt.prevention"
    label = "prevention"
