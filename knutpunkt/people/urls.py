from django.urls import path

from knutpunkt.people import views

app_name = "people"
urlpatterns: list = []
