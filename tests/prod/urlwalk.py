"""Walk every URL pattern of the project and turn each into a concrete URL.

Path parameters are filled from the objects of one agency (the "victim"), so a
test can ask every view, page or API endpoint for that agency's data as
somebody who must not get it. Parameters are recognised by name and by the
path segment in front of them (`indicators/<pk>/` → an indicator's pk); a
parameter nobody recognises gets a dummy value and is listed in `dummy`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils.regex_helper import normalize

DUMMY = "999999"
# A parameter that names a known model of which the test data has no row.
DUMMY_KNOWN_MODEL = "999998"
FIXED_VALUES = {
    "format": "json",
    "year": "2567",
    "year_be": "2567",
    "fiscal_year": "2567",
    "quarter": "1",
    "app_label": "indicators",
    "lang": "th",
    "language": "th",
    "action": "submit",
    "fmt": "xlsx",
    "kind": "indicators",
}
# Singular words in a route (or a parameter name such as report_pk) → key of the victim's objects.
OBJECT_WORDS = {
    "code": "agency",
    "agency": "agency",
    "agencies": "agency",
    "indicator": "indicator",
    "indicators": "indicator",
    "kpi": "indicator",
    "report": "report",
    "reports": "report",
    "quarterlyreport": "report",
    "audit": "audit",
    "audits": "audit",
    "quarteraudit": "audit",
    "evidence": "evidence",
    "evidencefile": "evidence",
    "file": "evidence",
    "files": "evidence",
    "package": "package",
    "packages": "package",
    "agencypackage": "package",
    "comment": "comment",
    "comments": "comment",
    "indicatorcomment": "comment",
    "user": "user",
    "users": "user",
    "role": "role",
    "roles": "role",
    "missiongroup": "mission_group",
    "mission_group": "mission_group",
    "mission-groups": "mission_group",
    "committee": "mission_group",
    "group": "mission_group",
}


@dataclass
class Endpoint:
    name: str | None
    regex: str
    callback: object
    params: list[str]
    url: str | None = None
    dummy: list[str] = field(default_factory=list)
    scoped: bool = False  # a parameter names one agency's data (agency code, indicator, report…)
    absent: list[str] = field(default_factory=list)  # known kind of record, but the test data has none

    @property
    def is_admin(self) -> bool:
        return (self.name or "").startswith("admin:") or self.regex.startswith("admin/")

    @property
    def label(self) -> str:
        return f"{self.name or '(unnamed)'} {self.url or self.regex}"


def iter_patterns(patterns=None, prefix: str = "", namespace: str | None = None):
    """Yield (full regex, namespaced name, callback) for every URLPattern, depth first."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        regex = prefix + pattern.pattern.regex.pattern.lstrip("^")
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from iter_patterns(pattern.url_patterns, regex.removesuffix("\\Z"), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield regex, name, pattern.callback


def _segment_before(regex: str, param: str) -> str:
    """The literal path segment in front of a parameter: 'indicators/(?P<pk>…)' → 'indicators'."""
    marker = f"(?P<{param}>" if not param.startswith("_") else None
    if marker and marker in regex:
        head = regex.split(marker, 1)[0]
    else:
        # Positional group _n: cut before the n-th group.
        index = int(param[1:]) if param[1:].isdigit() else 0
        parts = re.split(r"\((?!\?)", regex)
        head = "(".join(parts[: index + 1])
    segments = [s for s in re.split(r"[/.]", head) if s and "(" not in s and ")" not in s]
    return segments[-1].lower() if segments else ""


def _admin_model(regex: str):
    match = re.match(r"admin/(\w+)/(\w+)/", regex)
    if not match:
        return None
    try:
        return apps.get_model(match.group(1), match.group(2))
    except LookupError:
        return None


# Framework and organisation records every signed-in user may read (not one agency's data).
REFERENCE_MODELS = {
    "agencies.districtgroup",
    "agencies.missiongroup",
    "indicators.basketindicator",
    "indicators.compositionelement",
    "indicators.fiscalyear",
    "indicators.focusissue",
    "indicators.negotiationstage",
    "indicators.reportingquarter",
    "indicators.strategy",
}


def value_for(param: str, regex: str, objects: dict) -> tuple[str | None, bool]:
    """A value for one path parameter (None when nothing fits), and whether it names one agency's data."""
    if param in FIXED_VALUES:
        return FIXED_VALUES[param], False
    admin_model = _admin_model(regex)
    if admin_model is not None and param in ("object_id", "id", "_0"):
        obj = admin_model._default_manager.order_by("pk").first()
        return (str(obj.pk) if obj else None), False
    if admin_model is not None and param == "_1":
        obj = admin_model._default_manager.order_by("pk").first()
        history = getattr(obj, "history", None) if obj else None
        row = history.order_by("-history_id").first() if history is not None else None
        return (str(row.history_id) if row else None), False
    if param == "content_type_id":
        from django.contrib.contenttypes.models import ContentType

        return str(ContentType.objects.get_for_model(objects["indicator"]).pk), False
    words = param.lower().removesuffix("_pk").removesuffix("_id").removesuffix("_code")
    segment = _segment_before(regex, param)
    key = OBJECT_WORDS.get(words) or OBJECT_WORDS.get(segment)
    if key is None or key not in objects:
        return _any_object_named(segment)
    obj = objects[key]
    scoped = obj._meta.label_lower not in REFERENCE_MODELS
    if param.endswith("code") or param == "code":
        return str(getattr(obj, "code", obj.pk)), scoped
    if param in ("username",):
        return obj.get_username(), scoped
    return str(obj.pk), scoped


def _any_object_named(segment: str) -> tuple[str | None, bool]:
    """`elements/<pk>` → a CompositionElement's pk; `jobs/<pk>` → a DocumentJob's, or a dummy if none exists."""
    word = segment.replace("-", "").replace("_", "")
    word = word[:-1] if word.endswith("s") else word
    if len(word) < 3:
        return None, True
    for model in apps.get_models():
        if model._meta.model_name.endswith(word) and not model._meta.model_name.startswith("historical"):
            obj = model._default_manager.order_by("pk").first()
            return (str(obj.pk) if obj else DUMMY_KNOWN_MODEL), model._meta.label_lower not in REFERENCE_MODELS
    return None, True


def endpoints(objects: dict) -> list[Endpoint]:
    """Every URL pattern with a concrete URL built from `objects` (dummy values where nothing fits)."""
    result = []
    for regex, name, callback in iter_patterns():
        possibilities = normalize(regex)
        fmt, params = possibilities[0]
        endpoint = Endpoint(name=name, regex=regex, callback=callback, params=list(params))
        values = {}
        for param in params:
            value, scoped = value_for(param, regex, objects)
            endpoint.scoped = endpoint.scoped or scoped
            if value == DUMMY_KNOWN_MODEL:
                endpoint.absent.append(param)
            if value is None:
                value = DUMMY
                endpoint.dummy.append(param)
            values[param] = value
        endpoint.url = "/" + fmt % values
        if "format" in values and not resolves_to_itself(endpoint):
            # DRF's path-style format suffix captures the dot itself (".json").
            endpoint.url = "/" + fmt % {**values, "format": ".json"}
        result.append(endpoint)
    return result


def resolves_to_itself(endpoint: Endpoint) -> bool:
    """False when an earlier pattern shadows this URL (then the test would check another view)."""
    try:
        match = resolve(endpoint.url)
    except Resolver404:
        return False
    return match.func == endpoint.callback
