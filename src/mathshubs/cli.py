"""The `mathshubs` command: Django's management commands under one name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mathshubs.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    # `mathshubs import-institutions` reads better than `import_institutions`.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "mathshubs"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
