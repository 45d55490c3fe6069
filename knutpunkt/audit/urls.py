from django.urls import path

from knutpunkt.audit import views

app_name = "audit"
urlpatterns: list = []
