"""python manage.py restore FILE.tar.gz: load a backup into an empty, migrated database."""

from django.core.management.base import BaseCommand, CommandError

from kpi_portal.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty, migrated database (and media storage)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by `manage.py backup`")
        parser.add_argument(
            "--force", action="store_true", help="wipe a non-empty database first (every row is deleted)"
        )

    def handle(self, *args, archive, force, **options):
        try:
            result = restore_backup(archive, force=force)
        except (BackupError, FileNotFoundError, KeyError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {result.rows} rows and {result.files} files from {archive}."))
