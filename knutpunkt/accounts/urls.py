from django.urls import path

from knutpunkt.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.login_view, name="login"),
    path("verifiera/", views.verify, name="verify"),
    path("tvafaktor/", views.setup_second_factor, name="setup_second_factor"),
    path("logga-ut/", views.logout_view, name="logout"),
    path("enhet/", views.switch_unit, name="switch_unit"),
    path("losenord/", views.password_change, name="password_change"),
    path("", views.account, name="account"),
]
