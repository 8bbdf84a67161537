"""python manage.py backup -o kpi-YYYYMMDD.tar.gz: the whole database and every evidence file."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from kpi_portal.backup import create_backup


class Command(BaseCommand):
    help = "Write the whole database (portable JSON) and every stored file into one .tar.gz with a manifest."

    def add_arguments(self, parser):
        default = f"kpi-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        parser.add_argument("-o", "--output", default=default, help=f"archive to write (default: {default})")

    def handle(self, *args, output, **options):
        path = Path(output)
        if path.exists():
            self.stderr.write(f"{path} exists; choose another name (backups are never overwritten).")
            raise SystemExit(1)
        manifest = create_backup(path)
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {path}: {manifest['rows']} rows in {sum(1 for c in manifest['counts'].values() if c)} "
                f"tables, {len(manifest['files'])} files, {path.stat().st_size} bytes."
            )
        )
