"""The surveys' pages (ISSUE 10, part 2): included by evaluation/urls.py."""

urlpatterns: list = []
