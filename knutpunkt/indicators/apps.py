from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "knutpunkt.indicators"
    label = "indicators"
