"""Service exceptions as API answers: stale versions and illegal state changes are 409, blocked submissions 400."""

from contextlib import contextmanager

from rest_framework.exceptions import ValidationError

from indicators.services.negotiation import StaleVersion, SubmissionBlocked, TransitionError
from indicators.services.reporting import StaleAuditError, StaleReportError
from kpi_portal.api_exceptions import Conflict


@contextmanager
def service_errors():
    try:
        yield
    except (StaleVersion, TransitionError, StaleReportError, StaleAuditError) as exc:
        raise Conflict(str(exc)) from exc
    except SubmissionBlocked as exc:
        raise ValidationError({"problems": [problem.message for problem in exc.problems]}) from exc
