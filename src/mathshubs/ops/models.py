"""The scheduler's memory: when each periodic job was last enqueued."""

from django.db import models


class ScheduledRun(models.Model):
    job = models.CharField(max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField()


class WorkerLease(models.Model):
    """A running task worker's heartbeat. A task left RUNNING by a worker whose beat is older
    than the lease is put back in the queue (mathshubs.ops.leases)."""

    worker_id = models.CharField(max_length=64, unique=True)
    beat_at = models.DateTimeField()
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.IntegerField(null=True)


class TaskMark(models.Model):
    """What a task run has already done that must not be done twice (an email sent, a claim
    taken), so a task put back in the queue after its worker died skips it when it runs
    again (mathshubs.ops.leases)."""

    task_id = models.UUIDField()
    key = models.CharField(max_length=200)
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task_id", "key"], name="ops_taskmark_once"),
        ]
        indexes = [models.Index(fields=["done_at"], name="ops_taskmark_done_at")]
