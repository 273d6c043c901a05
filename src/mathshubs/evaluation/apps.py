from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "mathshubs.evaluation"
    verbose_name = "Evaluation: HAPPI forms, surveys, completion"
