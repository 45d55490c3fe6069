from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "knutpunkt.demo"
    label = "demo"
