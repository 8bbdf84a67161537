"""Progress of a background job, kept in huey's own storage (its SQLite file, or memory when tests run
jobs inline) rather than in the application's database: a job that holds the database's only writer
for its whole run (an all-or-nothing import on SQLite) can still report, and a page can still read it."""

from __future__ import annotations

from huey.contrib.djhuey import HUEY


def read_progress(key: str) -> tuple[int, int] | None:
    """(done, total) as last written, or None before the job has started counting."""
    value = HUEY.get(key, peek=True)
    return tuple(value) if value else None


def clear_progress(key: str) -> None:
    HUEY.delete(key)


class ProgressWriter:
    """A progress callback `(done, total)` that writes at most about a hundred times per run."""

    def __init__(self, key: str, steps: int = 100):
        self.key, self.steps, self.written = key, steps, None

    def __call__(self, done: int, total: int) -> None:
        step = max(total // self.steps, 1)
        if self.written is not None and done < total and done - self.written < step:
            return
        HUEY.put(self.key, (done, total))
        self.written = done
