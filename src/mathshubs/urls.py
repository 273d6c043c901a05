from django.urls import include, path
from django.views.generic import TemplateView

from mathshubs.api import api

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("", include("mathshubs.directory.urls")),
    path("account/", include("mathshubs.accounts.urls")),
    path("api/v1/", api.urls),
]
