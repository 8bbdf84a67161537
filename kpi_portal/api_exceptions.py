"""One place that turns errors into API responses, in the caller's language (Accept-Language: th or en).

Services raise Django's ValidationError; the API answers 400 with the same per-field messages the web
forms show. A 404 never says whether the object exists.
"""

import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import get_language, gettext_lazy
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


# get_object_or_404 (DRF's detail lookups use it) says this in English, naming the model class.
_LOOKUP_404 = re.compile(r"No \w+ matches the given query\.")
NOT_FOUND = gettext_lazy("ไม่พบข้อมูลนี้")
# DRF writes these two without gettext: "JSON parse error - <the decoder's reason>" and "No data provided".
_JSON_ERROR = "JSON parse error - "
JSON_UNREADABLE = gettext_lazy("อ่าน JSON ไม่ได้")
NO_DATA = gettext_lazy("ไม่ได้ส่งข้อมูล")
_NO_DATA_ERROR = {api_settings.NON_FIELD_ERRORS_KEY: ["No data provided"]}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        # The permission layer's Thai message is kept for Thai callers; others get the translated one.
        thai = (get_language() or "th").startswith("th")
        ours = exc.args and not _LOOKUP_404.fullmatch(str(exc.args[0]))
        exc = exceptions.NotFound(exc.args[0] if thai and ours else NOT_FOUND)
    elif isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith(_JSON_ERROR):
        exc = exceptions.ParseError(f"{JSON_UNREADABLE}: {str(exc.detail).removeprefix(_JSON_ERROR)}")
    elif isinstance(exc, exceptions.ValidationError) and exc.detail == _NO_DATA_ERROR:
        exc = exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [NO_DATA]}, code="null")
    return drf_exception_handler(exc, context)


class Conflict(exceptions.APIException):
    """409: the object changed since the caller read it (stale version), or its state does not allow the action."""

    status_code = 409
    default_detail = "ข้อมูลถูกแก้ไขหรือเปลี่ยนสถานะไปแล้ว"
    default_code = "conflict"
