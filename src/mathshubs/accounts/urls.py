from django.contrib.auth import views as auth_views
from django.urls import path

from mathshubs.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_start, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
]
