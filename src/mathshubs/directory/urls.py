from django.urls import path

from mathshubs.directory import views

app_name = "directory"

urlpatterns = [
    path("find-your-hub/", views.find_hub, name="find_hub"),
    path("hubs/", views.hub_list, name="hub_list"),
    path("hubs/<slug:slug>/", views.hub_detail, name="hub_detail"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("institutions/<id:urn>/", views.institution_detail, name="institution_detail"),
    path("people/", views.person_list, name="person_list"),
    path("people/<id:person_id>/", views.person_detail, name="person_detail"),
    path("people/<id:person_id>/email/", views.person_email, name="person_email"),
]
