"""The scheduler's memory: when each periodic job was last enqueued."""

from django.db import models


class ScheduledRun(models.Model):
    job = models.CharField(max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField()
