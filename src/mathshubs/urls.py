from django.urls import include, path

from mathshubs.accounts.views import home
from mathshubs.api import api

urlpatterns = [
    path("", home, name="home"),
    path("", include("mathshubs.directory.urls")),
    path("account/", include("mathshubs.accounts.urls")),
    path("api/v1/", api.urls),
]
