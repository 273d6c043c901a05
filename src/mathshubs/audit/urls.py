from django.urls import path

from mathshubs.audit import views

app_name = "audit"

urlpatterns = [
    path("changes/", views.changes, name="changes"),
    path("people/<id:person_id>/changes/", views.person_changes, name="person_changes"),
]
