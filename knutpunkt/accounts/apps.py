from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "knutpunkt.accounts"
    label = "accounts"
