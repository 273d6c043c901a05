from django.urls import include, path

from mathshubs.accounts.views import home
from mathshubs.api import api

urlpatterns = [
    path("", home, name="home"),
    path("", include("mathshubs.directory.urls")),
    path("account/", include("mathshubs.accounts.urls")),
    path("", include("mathshubs.catalogue.urls")),
    path("", include("mathshubs.activities.urls")),
    path("", include("mathshubs.activities.journey_urls")),
    path("", include("mathshubs.grants.urls")),
    path("", include("mathshubs.events.urls")),
    path("", include("mathshubs.evaluation.urls")),
    path("", include("mathshubs.reporting.urls")),
    path("", include("mathshubs.collaboration.urls")),
    path("", include("mathshubs.audit.urls")),
    path("", include("mathshubs.privacy.urls")),
    path("api/v1/", api.urls),
]
