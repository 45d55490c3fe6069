from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "knutpunkt.api"
    label = "api"
