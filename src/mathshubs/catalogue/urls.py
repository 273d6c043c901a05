from django.urls import path

from mathshubs.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("catalogue/", views.index, name="index"),
    path("catalogue/ncp/<str:code>/", views.ncp_detail, name="ncp"),
    path("catalogue/<str:year>/", views.year_detail, name="year"),
    path("catalogue/<str:year>/catalogue.yaml", views.year_yaml, name="year_yaml"),
    path("catalogue/<str:year>/copy/", views.year_copy, name="copy"),
    path("catalogue/<str:year>/publish/", views.year_publish, name="publish"),
]
