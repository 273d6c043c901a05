from django.urls import path

from mathshubs.catalogue import views
from mathshubs.catalogue.editor import views as editor

app_name = "catalogue"

urlpatterns = [
    path("catalogue/", views.index, name="index"),
    path("catalogue/ncp/<str:code>/", views.ncp_detail, name="ncp"),
    path("catalogue/new/", editor.year_new, name="year_new"),
    path("catalogue/<str:year>/edit/", editor.editor, name="editor"),
    path("catalogue/<str:year>/edit/add/", editor.project_add, name="project_add"),
    path("catalogue/<str:year>/edit/details/", editor.year_details, name="year_details"),
    path(
        "catalogue/<str:year>/edit/projects/<slug:slug>/",
        editor.project_change,
        name="project_change",
    ),
    path(
        "catalogue/<str:year>/edit/projects/<slug:slug>/move/",
        editor.project_move,
        name="project_move",
    ),
    path(
        "catalogue/<str:year>/edit/projects/<slug:slug>/withdraw/",
        editor.project_withdraw,
        name="project_withdraw",
    ),
    path("catalogue/<str:year>/compare/", editor.compare, name="compare"),
    path("catalogue/<str:year>/", views.year_detail, name="year"),
    path("catalogue/<str:year>/catalogue.yaml", views.year_yaml, name="year_yaml"),
    path("catalogue/<str:year>/copy/", views.year_copy, name="copy"),
    path("catalogue/<str:year>/publish/", views.year_publish, name="publish"),
]
