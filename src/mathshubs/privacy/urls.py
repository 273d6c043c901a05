from django.urls import path

from mathshubs.privacy import views

app_name = "privacy"

urlpatterns = [
    path("account/your-data/", views.mine, name="mine"),
    path("account/your-data/download/", views.mine_download, name="mine_download"),
    path("people/<id:person_id>/data/", views.person_data, name="person_data"),
    path("people/<id:person_id>/data/download/", views.person_download, name="person_download"),
    path("people/<id:person_id>/erase/", views.person_erase, name="person_erase"),
]
