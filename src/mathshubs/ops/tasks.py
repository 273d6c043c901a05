from django.core.management import call_command
from django_tasks import task


@task()
def sessions_clear() -> None:
    """Delete expired sessions."""
    call_command("clearsessions")
