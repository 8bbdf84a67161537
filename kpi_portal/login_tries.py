"""The warning a login page gives when the next wrong passwords will make django-axes lock the username.

Axes counts failures per username and address (settings.AXES_LOCKOUT_PARAMETERS); the page warns only
when the lock is near, so a first typo is not met with a threat.
"""

from dataclasses import dataclass

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_credentials, get_failure_limit

WARN_WHEN_LEFT = 2


@dataclass(frozen=True)
class LockoutWarning:
    tries_left: int
    cooloff_minutes: int | None  # None: the lock stays until an administrator lifts it


def tries_to_warn_about(failures: int, limit: int) -> int | None:
    """The wrong tries left to name on the page, or None while the lock is still far (or already on)."""
    left = limit - failures
    return left if 0 < left <= WARN_WHEN_LEFT else None


def lockout_warning(request, username: str) -> LockoutWarning | None:
    """The warning for this username on this request's address, as axes has counted its failures."""
    if not username:
        return None
    credentials = get_credentials(username)
    tries_left = tries_to_warn_about(AxesProxyHandler.get_failures(request, credentials), get_failure_limit(request, credentials))
    if tries_left is None:
        return None
    cooloff = get_cool_off(request)
    minutes = int(cooloff.total_seconds() // 60) if cooloff else None
    return LockoutWarning(tries_left=tries_left, cooloff_minutes=minutes)
