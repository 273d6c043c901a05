"""The results pages (ISSUE 10, parts 3 and 4): included by evaluation/urls.py, so every
name is in the `evaluation:` namespace and starts with `results_`."""

from mathshubs.evaluation.results.views import urlpatterns

__all__ = ["urlpatterns"]
