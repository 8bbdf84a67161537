"""backup → empty database → restore gives back every row and every evidence file, byte for byte."""

import io
import json
import os
import stat
import tarfile

import pytest
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from indicators.models import EvidenceFile, Indicator, QuarterAudit, QuarterlyReport
from kpi_portal.backup import backed_up_models, read_manifest
from tests.factories import AgencyFactory, FiscalYearFactory, IndicatorFactory, UserFactory

from .world import EVIDENCE_BYTES, build_agency_world

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot() -> dict:
    """Every backed-up row, serialized with natural keys so content-type ids may differ.

    Rows of automatic many-to-many tables are compared without their own id: Django
    writes them anew from the parent rows, and only which pairs exist matters.
    """
    result = {}
    for model in backed_up_models():
        rows = serializers.serialize("python", model._default_manager.order_by("pk"), use_natural_foreign_keys=True)
        if model._meta.auto_created:
            rows = sorted((sorted(row["fields"].items()) for row in rows), key=repr)
        result[model._meta.label_lower] = rows
    return result


@pytest.fixture
def populated(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")  # only this test's files
    fiscal_year = FiscalYearFactory(year_be=2567)
    auditor = UserFactory(username="auditor", is_staff=True)
    first = build_agency_world(fiscal_year, code="HRO", auditor=auditor)
    second = build_agency_world(fiscal_year, code="1001", auditor=auditor, partner=first["agency"])
    # Some history with a user and a reason, as the admin would leave it.
    indicator = first["indicator"]
    indicator.target_text = "ร้อยละ ๙๕"
    indicator._history_user = auditor
    indicator._change_reason = "ปรับตามมติ"
    indicator.save()
    second["user"].groups.create(name="ผู้รายงานผล")
    return first, second


def test_the_round_trip_keeps_every_row_and_every_file(tmp_path, populated, settings):
    before = snapshot()
    files_before = {e.file.name: e.file.open("rb").read() for e in EvidenceFile.objects.all()}
    assert len(files_before) == 2 and all(content == EVIDENCE_BYTES for content in files_before.values())
    archive = tmp_path / "kpi.tar.gz"

    call_command("backup", "-o", str(archive))

    manifest = read_manifest(archive)
    assert manifest["counts"]["indicators.indicator"] == 2
    assert manifest["counts"]["indicators.quarteraudit"] == 2
    assert manifest["counts"]["indicators.historicalindicator"] == Indicator.history.count()
    assert set(manifest["files"]) == set(files_before)
    with tarfile.open(archive) as tar:
        assert {"manifest.json", "data.json"} <= set(tar.getnames())

    # A fresh, empty site: no rows, and a media directory that never held these files.
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = str(tmp_path / "fresh-media")
    assert Indicator.objects.count() == 0 and not default_storage.exists(next(iter(files_before)))

    call_command("restore", str(archive))

    assert snapshot() == before
    assert Indicator.objects.count() == 2
    assert QuarterlyReport.objects.count() == 2
    assert QuarterAudit.objects.count() == 2
    for evidence in EvidenceFile.objects.all():
        with evidence.file.open("rb") as handle:
            assert handle.read() == files_before[evidence.file.name]
    history = Indicator.history.filter(history_change_reason="ปรับตามมติ").get()
    assert history.history_user.username == "auditor"

    # The restored site keeps working: new rows get fresh ids (PostgreSQL sequences moved past the restored ones).
    indicator = IndicatorFactory(fiscal_year=FiscalYearFactory(year_be=2568), agency=AgencyFactory())
    assert indicator.pk > max(Indicator.objects.exclude(pk=indicator.pk).values_list("pk", flat=True))
    assert indicator.history.count() == 1


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, populated):
    archive = tmp_path / "kpi.tar.gz"
    call_command("backup", "-o", str(archive))
    Indicator.objects.filter(pk=populated[0]["indicator"].pk).update(name="แก้ไขหลังสำรอง")

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
    assert Indicator.objects.filter(name="แก้ไขหลังสำรอง").exists()

    call_command("restore", str(archive), "--force")
    assert not Indicator.objects.filter(name="แก้ไขหลังสำรอง").exists()
    assert Indicator.objects.count() == 2


def test_a_forced_restore_that_fails_keeps_the_database_as_it_was(tmp_path, populated):
    archive = tmp_path / "kpi.tar.gz"
    call_command("backup", "-o", str(archive))
    broken = tmp_path / "broken.tar.gz"  # its manifest promises a row the data does not hold
    with tarfile.open(archive) as source, tarfile.open(broken, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["counts"]["indicators.indicator"] += 1
                data = json.dumps(manifest).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    Indicator.objects.filter(pk=populated[0]["indicator"].pk).update(name="แก้ไขหลังสำรอง")

    with pytest.raises(CommandError, match="Row counts differ"):
        call_command("restore", str(broken), "--force")

    assert Indicator.objects.count() == 2
    assert Indicator.objects.filter(name="แก้ไขหลังสำรอง").exists()


def test_backup_never_overwrites_an_existing_archive(tmp_path, populated):
    archive = tmp_path / "kpi.tar.gz"
    archive.write_bytes(b"older backup")
    with pytest.raises(SystemExit):
        call_command("backup", "-o", str(archive))
    assert archive.read_bytes() == b"older backup"


def test_restore_refuses_a_damaged_file(tmp_path, populated):
    archive = tmp_path / "kpi.tar.gz"
    call_command("backup", "-o", str(archive))
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data + b"tampered"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(damaged))
    assert Indicator.objects.count() == 0


def test_the_archive_is_readable_by_its_owner_only(tmp_path, populated):
    """It holds every password hash and API token; cron's usual umask (022) would make it world-readable."""
    archive = tmp_path / "kpi.tar.gz"
    previous = os.umask(0o022)
    try:
        call_command("backup", "-o", str(archive))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert read_manifest(archive)["rows"] > 0
