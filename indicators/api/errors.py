"""Service exceptions as API answers: stale versions and illegal state changes are 409, blocked submissions 400."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError

from indicators.services.negotiation import StalePackage, StaleVersion, SubmissionBlocked, TransitionError
from indicators.services.auditing import StaleAuditError
from indicators.services.reporting import ReportStateError, StaleReportError
from kpi_portal.api_exceptions import Conflict


# The services word a stale save for the person at a form ("after you opened the form"); another system
# is told which version is current, so it can read it and send again.
STALE = {
    StaleVersion: gettext_lazy(
        "มีผู้อื่นบันทึกตัวชี้วัดนี้ไปก่อน: expected_version ที่ส่งมาเก่า (ฉบับล่าสุดคือ %(version)s) "
        "อ่านข้อมูลล่าสุดแล้วส่งใหม่"
    ),
    StalePackage: gettext_lazy(
        "ชุดตัวชี้วัดนี้เปลี่ยนไปแล้ว: expected_version ที่ส่งมาเก่า (ฉบับล่าสุดคือ %(version)s) "
        "อ่านข้อมูลล่าสุดแล้วส่งใหม่"
    ),
    StaleReportError: gettext_lazy(
        "มีผู้อื่นบันทึกรายงานนี้ไปก่อน: expected_version ที่ส่งมาเก่า (ฉบับล่าสุดคือ %(version)s) "
        "อ่านข้อมูลล่าสุดแล้วส่งใหม่"
    ),
    StaleAuditError: gettext_lazy(
        "มีผู้บันทึกผลการตรวจไตรมาสนี้ไปก่อน: expected_version ที่ส่งมาเก่า (ฉบับล่าสุดคือ %(version)s) "
        "อ่านข้อมูลล่าสุดแล้วส่งใหม่"
    ),
}
# An audit judges the report the auditor read: one reopened and sent again since has other figures.
AUDITED_REPORT_STALE = gettext_lazy(
    "รายงานไตรมาสนี้ถูกเปิดให้แก้ไขและส่งใหม่หลังจากที่อ่าน: expected_report_version ที่ส่งมาเก่า "
    "(ฉบับล่าสุดคือ %(version)s) อ่านรายงานล่าสุดแล้วตรวจใหม่"
)


def _saved_version(exc) -> int | None:
    saved = (
        getattr(exc, "indicator", None)
        or getattr(exc, "package", None)
        or getattr(exc, "report", None)
        or getattr(exc, "audit", None)
    )
    return getattr(saved, "version", None)


@contextmanager
def service_errors(fields: dict[str, str] | None = None, stale: dict | None = None):
    """Answer a service's refusal over HTTP; `fields` renames the service's error keys to the API's field names,
    `stale` words a stale version for an endpoint whose field is not `expected_version`."""
    try:
        yield
    except (StaleVersion, StalePackage, StaleReportError, StaleAuditError) as exc:
        version = _saved_version(exc)
        message = (stale or {}).get(type(exc), STALE[type(exc)])
        raise Conflict(str(message % {"version": version}) if version is not None else str(exc)) from exc
    except TransitionError as exc:
        raise Conflict(str(exc)) from exc
    except ReportStateError as exc:  # before ValidationError below, which it is
        raise Conflict(" ".join(exc.messages)) from exc
    except SubmissionBlocked as exc:
        raise ValidationError({"problems": [problem.message for problem in exc.problems]}) from exc
    except DjangoValidationError as exc:
        if not (fields and hasattr(exc, "error_dict")):
            raise
        raise DjangoValidationError({fields.get(name, name): errors for name, errors in exc.error_dict.items()}) from exc
