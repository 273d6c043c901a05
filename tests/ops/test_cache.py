import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connection

import mathshubs.settings as configured

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_shared_cache_is_a_database_table_that_migrate_creates(settings):
    settings.CACHES = configured.CACHES
    assert configured.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    table = configured.CACHES["default"]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
    call_command("migrate", verbosity=0)
    assert table in connection.introspection.table_names()
    shared = DatabaseCache(table, {})
    shared.set("probe", 41)
    assert shared.incr("probe") == 42
