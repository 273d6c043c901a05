"""`mathshubs worker`: runs queued background tasks (emails, imports, scheduled jobs).

Several workers may run at once, on one machine or many: on PostgreSQL they
share the queue with row locks (django-tasks-db).
"""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = "Run the background task worker (the same options as django-tasks-db's db_worker)."
