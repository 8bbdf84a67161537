"""Throwaway-database setup shared by the benchmark scripts (not a test, not a benchmark itself).

Each script gets its own database so runs never touch development or test data; the guard on the
name's suffix keeps a mistyped DATABASE_URL from dropping a real database.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def recreate_postgres(url: str, *, suffix: str, purpose: str = "benchmark") -> str:
    """Drop and re-create the PostgreSQL database named in url (its name must end in suffix)."""
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not name.endswith(suffix):
        sys.exit(f"refusing to drop {name!r}: the {purpose} database name must end in '{suffix}'")
    import psycopg2

    admin = psycopg2.connect(
        host=parsed.hostname, port=parsed.port or 5432, user=parsed.username, password=parsed.password, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return f"PostgreSQL {parsed.hostname}:{parsed.port or 5432}/{name}"


def use_fresh_sqlite(path) -> str:
    """Point DATABASE_URL at a new, empty SQLite file (WAL side files removed too)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return f"SQLite {path}"


def prepare_database(sqlite_path: str) -> str:
    """A fresh SQLite file when DATABASE_URL is unset, else the re-created *_bench PostgreSQL database."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return use_fresh_sqlite(sqlite_path)
    return recreate_postgres(url, suffix="_bench")


def setup_django(*, migrate: bool = True) -> None:
    """django.setup() against DATABASE_URL, then build the schema."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpi_portal.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
