from mathshubs.reporting import views

app_name = "reporting"

urlpatterns = views.urlpatterns
