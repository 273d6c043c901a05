from mathshubs.evaluation import lists, project_leads, timeline_views, views
from mathshubs.evaluation.results.urls import urlpatterns as results_urlpatterns
from mathshubs.evaluation.surveys.urls import urlpatterns as survey_urlpatterns

app_name = "evaluation"

urlpatterns = [
    *views.urlpatterns,
    *lists.urlpatterns,
    *timeline_views.urlpatterns,
    *project_leads.urlpatterns,
    *survey_urlpatterns,
    *results_urlpatterns,
]
