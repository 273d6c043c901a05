"""The Teaching for Mastery journey and the LLME register pages."""

from django.urls import path

from mathshubs.activities import journey_views as views

app_name = "journey"

urlpatterns = [
    path("hubs/<slug:slug>/journey/", views.hub_journey, name="hub"),
    path("hubs/<slug:slug>/llmes/", views.hub_llmes, name="hub_llmes"),
    path("hubs/<slug:slug>/llmes/<id:person_id>/", views.llme_edit, name="llme_edit"),
    path(
        "hubs/<slug:slug>/llmes/<id:person_id>/programmes/add/",
        views.programme_add,
        name="programme_add",
    ),
    path(
        "hubs/<slug:slug>/llmes/<id:person_id>/programmes/<id:programme_id>/",
        views.programme_change,
        name="programme_change",
    ),
    path("llmes/", views.national_llmes, name="national_llmes"),
]
