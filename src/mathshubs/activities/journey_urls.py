"""The Teaching for Mastery journey and the LLME register pages."""

from django.urls import path  # noqa: F401

app_name = "journey"

urlpatterns: list = []
