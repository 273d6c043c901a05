from mathshubs.evaluation import lists, timeline_views, views
from mathshubs.evaluation.surveys.urls import urlpatterns as survey_urlpatterns

app_name = "evaluation"

urlpatterns = [
    *views.urlpatterns,
    *lists.urlpatterns,
    *timeline_views.urlpatterns,
    *survey_urlpatterns,
]
