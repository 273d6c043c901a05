from mathshubs.collaboration import views

app_name = "collaboration"
urlpatterns = views.urlpatterns
