from mathshubs.evaluation import views
from mathshubs.evaluation.surveys.urls import urlpatterns as survey_urlpatterns

app_name = "evaluation"

urlpatterns = [*views.urlpatterns, *survey_urlpatterns]
