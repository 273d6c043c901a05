"""The surveys' pages: answering (participants, leads), building and running (the
national team)."""

from mathshubs.evaluation.surveys.views import answering, builder, running

urlpatterns = [*answering.urlpatterns, *running.urlpatterns, *builder.urlpatterns]
