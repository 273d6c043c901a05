"""Every model that points at a person or an account is listed in the privacy registry, as
exported or left out with a reason; and every exported file is one the download makes."""

from __future__ import annotations

from django.apps import apps

from mathshubs.accounts.models import User
from mathshubs.directory.models import Person
from mathshubs.privacy.export import export_files
from mathshubs.privacy.registry import REFERENCES, Exported, exported_files


def _references() -> set[str]:
    found = set()
    for model in apps.get_models():
        # django-simple-history's tables copy their model's references; erasure deletes
        # their rows (services._history_delete), so they are not listed one by one.
        if hasattr(model, "instance_type"):
            continue
        for field in model._meta.get_fields():
            if field.auto_created or not field.is_relation:
                continue
            if field.related_model in (Person, User):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_reference_to_a_person_or_an_account_is_listed():
    missing = sorted(_references() - set(REFERENCES))
    assert not missing, (
        f"add {missing} to mathshubs/privacy/registry.py REFERENCES: exported (and in "
        "export.py) or left out, with why"
    )


def test_the_registry_lists_nothing_that_is_gone():
    assert sorted(set(REFERENCES) - _references()) == []


def test_each_exported_kind_is_a_file_of_the_download():
    assert exported_files() <= export_files()
    assert all(isinstance(ref, Exported) or ref.why for ref in REFERENCES.values())
