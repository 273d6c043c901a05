from mathshubs.evaluation import lists, views
from mathshubs.evaluation.surveys.urls import urlpatterns as survey_urlpatterns

app_name = "evaluation"

urlpatterns = [*views.urlpatterns, *lists.urlpatterns, *survey_urlpatterns]
