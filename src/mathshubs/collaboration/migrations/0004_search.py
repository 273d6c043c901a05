"""Full-text indexes for the spaces' search (collaboration/search.py), on PostgreSQL only.

Expression GIN indexes built from the very SearchVector expressions search.py filters on,
so the planner can use them. They are outside the models' state (SQLite has no such
index, and models.py stays the same on both databases), hence RunPython rather than
AddIndex. Documents are few and searched with their latest version's text, a subquery no
index can hold, so they have none.
"""

from django.db import migrations

INDEXES = {
    "Thread": ("collaboration_thread_search", ["title", "body"]),
    "Comment": ("collaboration_comment_search", ["body"]),
}


def _index(name, fields):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    return GinIndex(SearchVector(*fields, config="english"), name=name)


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, (name, fields) in INDEXES.items():
        schema_editor.add_index(apps.get_model("collaboration", model), _index(name, fields))


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, (name, fields) in INDEXES.items():
        schema_editor.remove_index(apps.get_model("collaboration", model), _index(name, fields))


class Migration(migrations.Migration):
    dependencies = [("collaboration", "0003_notifications")]

    operations = [migrations.RunPython(add, remove)]
