#!/usr/bin/env bash
# Back up the database named by DATABASE_URL: one custom-format dump (pg_dump -Fc:
# compressed, restored table by table with pg_restore) a run, named by its UTC time, in
# BACKUP_DIR; dumps older than BACKUP_KEEP_DAYS are deleted. Prints the new dump's path.
# Uploaded media (MATHSHUBS_VAR_DIR/media) need their own copy: see docs/operations.md.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
dir="${BACKUP_DIR:?set BACKUP_DIR to the folder for the dumps}"
keep="${BACKUP_KEEP_DAYS:-35}"
mkdir -p "$dir"
dump="$dir/mathshubs-$(date -u +%Y%m%dT%H%M%SZ).dump"
# Written under a temporary name: a dump cut short is never taken for a good one.
pg_dump --format=custom --no-owner --file="$dump.partial" "$DATABASE_URL"
pg_restore --list "$dump.partial" > /dev/null  # the archive reads back
mv "$dump.partial" "$dump"
find "$dir" -maxdepth 1 -name 'mathshubs-*.dump' -mtime "+$keep" -delete
echo "$dump"
