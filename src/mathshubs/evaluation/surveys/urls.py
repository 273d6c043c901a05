"""The surveys' pages (ISSUE 10, part 2): included by evaluation/urls.py, so every name is
in the `evaluation:` namespace and starts with `survey_`."""

from mathshubs.evaluation.surveys.views import urlpatterns

__all__ = ["urlpatterns"]
