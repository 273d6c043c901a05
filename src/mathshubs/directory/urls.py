from django.urls import path

from mathshubs.directory import views

app_name = "directory"

urlpatterns = [
    path("find-your-hub/", views.find_hub, name="find_hub"),
    path("hubs/", views.hub_list, name="hub_list"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("people/", views.person_list, name="person_list"),
]
