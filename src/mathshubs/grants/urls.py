from django.urls import path

from mathshubs.grants import views

app_name = "grants"

urlpatterns = [
    path("hubs/<slug:slug>/grants/<ayear:year>/", views.hub_summary, name="hub_summary"),
    path("activities/<id:activity_id>/grant/", views.activity_grant, name="activity_grant"),
    path("ncps/<str:code>/grant/", views.ncp_grant, name="ncp_grant"),
]
