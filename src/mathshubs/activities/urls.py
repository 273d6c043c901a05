from django.urls import path

from mathshubs.activities import views

app_name = "activities"

urlpatterns = [
    path("activities/", views.activity_list, name="list"),
    path("activities/new/", views.create_local, name="create_local"),
    path("activities/<id:activity_id>/", views.activity_detail, name="detail"),
    path("activities/<id:activity_id>/leads/add/", views.add_lead, name="add_lead"),
    path(
        "activities/<id:activity_id>/leads/<id:person_id>/remove/",
        views.remove_lead,
        name="remove_lead",
    ),
    path("activities/<id:activity_id>/schools/enrol/", views.enrol_school, name="enrol_school"),
    path(
        "activities/<id:activity_id>/schools/<id:urn>/withdraw/",
        views.withdraw_school,
        name="withdraw_school",
    ),
    path(
        "activities/<id:activity_id>/schools/<id:urn>/complete/",
        views.complete_school,
        name="complete_school",
    ),
    path(
        "activities/<id:activity_id>/complete/", views.complete_activity, name="complete_activity"
    ),
    path(
        "activities/<id:activity_id>/participants/add/",
        views.add_participant,
        name="add_participant",
    ),
    path(
        "activities/<id:activity_id>/participants/<id:person_id>/withdraw/",
        views.withdraw_participant,
        name="withdraw_participant",
    ),
    path("hubs/<slug:slug>/activities/", views.hub_current, name="hub_current"),
    path("hubs/<slug:slug>/activities/<ayear:year>/", views.hub_year, name="hub_year"),
    path("catalogue/ncp/<str:code>/run/", views.run_ncp, name="run_ncp"),
]
