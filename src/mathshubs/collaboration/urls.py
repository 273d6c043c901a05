from mathshubs.collaboration import document_views, notify_views, search_views, views

app_name = "collaboration"
urlpatterns = (
    views.urlpatterns
    + document_views.urlpatterns
    + search_views.urlpatterns
    + notify_views.urlpatterns
)
