from django.urls import path

from knutpunkt.organisations import views

app_name = "organisations"
urlpatterns: list = []
