"""Whole-site backup and restore: every table as portable JSON plus every stored file.

A backup is one .tar.gz holding
- data.json      every row (Django's dumpdata, natural keys for content types and users,
                 so it loads into any freshly migrated database, SQLite or PostgreSQL);
- media/…        every file in the default storage (evidence), byte for byte;
- manifest.json  when and from what it was made, the migration state, row counts per
                 model and a SHA-256 per file, checked again after a restore.

Content types, permissions and sessions are left out: `migrate` recreates the first two,
and sessions only log people out.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings
from django.utils import timezone

FORMAT_VERSION = 1
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
DATA_NAME = "data.json"
# loaddata picks the deserializer by file extension.
LOAD_NAME = "data.exactjson"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    """A backup or restore that must not go ahead; the message says why, in plain words."""


@dataclass
class RestoreResult:
    rows: int
    files: int


def backed_up_models():
    excluded_apps = {label for label in EXCLUDED if "." not in label}
    excluded_models = {label for label in EXCLUDED if "." in label}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.app_label in excluded_apps or opts.label_lower in excluded_models:
            continue
        if opts.proxy or not opts.managed:
            continue
        yield model


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {model._meta.label_lower: model._default_manager.using(using).count() for model in backed_up_models()}


def _storage_files(storage, directory: str = ""):
    """Every file name in a storage, walking its directories."""
    try:
        subdirs, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield str(PurePosixPath(directory, name)) if directory else name
    for sub in sorted(subdirs):
        yield from _storage_files(storage, str(PurePosixPath(directory, sub)) if directory else sub)


def _applied_migrations(using: str) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def _private_file(path: Path):
    """The archive opened for writing, readable by its owner only, whatever the umask: it holds every
    password hash and API token, and cron's default umask would leave it readable by every local user."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its mode through O_CREAT
    return os.fdopen(fd, "wb")


def create_backup(output: Path, *, storage=None, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write the whole database and every stored file to `output` (.tar.gz); return the manifest."""
    storage = storage or default_storage
    output = Path(output)
    with tempfile.TemporaryDirectory(prefix="kpi-backup-") as tmp:
        data_path = Path(tmp) / DATA_NAME
        with transaction.atomic(using=using):
            if connections[using].vendor == "postgresql":
                # One snapshot for every table, so rows written during the dump cannot half-appear.
                with connections[using].cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                natural_foreign=True,
                format="exactjson",
                indent=None,
                output=str(data_path),
                database=using,
                verbosity=0,
            )
            counts = row_counts(using)
        files = {}
        with _private_file(output) as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            tar.add(data_path, arcname=DATA_NAME)
            for name in _storage_files(storage):
                with storage.open(name, "rb") as handle:
                    content = handle.read()
                files[name] = {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
                _add_bytes(tar, MEDIA_PREFIX + name, content)
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "django": django.get_version(),
                "database_vendor": connections[using].vendor,
                "migrations": _applied_migrations(using),
                "counts": counts,
                "rows": sum(counts.values()),
                "files": files,
            }
            _add_bytes(tar, MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=2).encode())
    return manifest


def read_manifest(path: Path) -> dict:
    with tarfile.open(path, "r:gz") as tar:
        return json.load(tar.extractfile(MANIFEST_NAME))


def _check_database_ready(manifest: dict, using: str, force: bool) -> None:
    connection = connections[using]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError("ฐานข้อมูลยังไม่ได้ migrate: run `python manage.py migrate` first, then restore.")
    missing = {tuple(m) for m in manifest["migrations"]} - {tuple(m) for m in _applied_migrations(using)}
    if missing:
        raise BackupError(
            f"The backup was made with {len(missing)} migration(s) this code does not have "
            f"(e.g. {sorted(missing)[0]}); restore it with the same or a newer release."
        )
    occupied = {label: count for label, count in row_counts(using).items() if count}
    if occupied and not force:
        sample = ", ".join(f"{label}={count}" for label, count in sorted(occupied.items())[:5])
        raise BackupError(
            f"The database is not empty ({sample}…). Restore only into an empty, migrated database, "
            "or pass --force to wipe this one first."
        )


def restore_backup(path: Path, *, force: bool = False, storage=None, using: str = DEFAULT_DB_ALIAS) -> RestoreResult:
    """Load a backup into an empty migrated database and put its files back; verify counts and checksums."""
    storage = storage or default_storage
    path = Path(path)
    manifest = read_manifest(path)
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    _check_database_ready(manifest, using, force)

    with tempfile.TemporaryDirectory(prefix="kpi-restore-") as tmp, tarfile.open(path, "r:gz") as tar:
        # Check every file before touching the database, so a damaged archive changes nothing.
        for name, expected in manifest["files"].items():
            if hashlib.sha256(tar.extractfile(MEDIA_PREFIX + name).read()).hexdigest() != expected["sha256"]:
                raise BackupError(f"File {name} is damaged in the backup (checksum differs); nothing was restored.")
        tar.extract(DATA_NAME, tmp, filter="data")
        data_path = Path(tmp) / DATA_NAME
        data_path.rename(data_path.with_name(LOAD_NAME))
        # The rows carry their own history; loading them must not write new history rows.
        # Wipe and load in one transaction: a load that fails leaves the database as it was.
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic(using=using):
            if force:
                call_command("flush", interactive=False, database=using, verbosity=0)
            call_command("loaddata", str(Path(tmp) / LOAD_NAME), database=using, verbosity=0)
            counts = row_counts(using)
            if counts != manifest["counts"]:
                wrong = {k: (manifest["counts"].get(k), v) for k, v in counts.items() if manifest["counts"].get(k) != v}
                raise BackupError(f"Row counts differ after loading (expected, found): {wrong}")

        for name in manifest["files"]:
            content = tar.extractfile(MEDIA_PREFIX + name).read()
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, ContentFile(content))
            if saved != name:
                raise BackupError(f"Storage renamed {name} to {saved}; the records would point at the wrong file.")
    return RestoreResult(rows=sum(counts.values()), files=len(manifest["files"]))
