"""Load the reference data in fixtures/ (agencies, groups, frameworks, seed indicators).

Fixture files are loaded in name order; they carry fixed primary keys, so loading
again updates rows in place instead of duplicating them. A database that already
holds agencies is left alone (the strategy office may have corrected reference rows
in the admin, and `make setup` runs on every start); `--refresh` reloads anyway.

What the seeds do not give, and the fixtures therefore assume (all editable in the admin):
- district groups other than the six the seeds confirm follow the BMA's published grouping;
- FY2567 mission groups are copies of the FY2566 ones (no FY2567 membership in the seeds);
- FY2567 sub-element weights/counts are empty (only element 1's 70 points is supported);
- FY2564 has one placeholder element and the HR SMART indicator's weight (10) is a placeholder;
- scoring policy fields keep the model defaults (the seeds are silent on them).
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Load the reference data from fixtures/*.json into an empty database (or --refresh it)"

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh", action="store_true", help="reload even if reference data exists (overwrites admin edits)"
        )

    def handle(self, *args, refresh=False, **options):
        from agencies.models import Agency

        if Agency.objects.exists() and not refresh:
            self.stdout.write("reference data already present; kept as is (use --refresh to reload)")
            return
        fixture_dir = Path(settings.BASE_DIR) / "fixtures"
        files = sorted(fixture_dir.glob("*.json"))
        if not files:
            raise CommandError(f"no fixtures found in {fixture_dir}")
        for path in files:
            call_command("loaddata", str(path), verbosity=0)
            self.stdout.write(f"loaded {path.name}")
