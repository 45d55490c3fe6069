from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "knutpunkt.plans"
    label = "plans"
