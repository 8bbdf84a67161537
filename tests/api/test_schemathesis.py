"""Schemathesis against the live schema: generated requests to every operation never get a 5xx,
and every answer is one the schema documents (status code, content type, body and headers).

Bounded: at most 25 examples per operation, as the strategy office (reads everything) and as agency
staff (reaches the write services), against a live server holding a small world of data.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token

from .conftest import make_world

pytestmark = [pytest.mark.django_db(transaction=True)]

MAX_EXAMPLES = 25
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.response_headers_conformance,
]


def test_generated_requests_get_documented_answers_and_never_a_server_error(live_server):
    world = make_world()
    tokens = {who: Token.objects.create(user=getattr(world, who)).key for who in ("strategy", "staff")}
    # The schema is for signed-in users only (settings: SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]).
    schema = schemathesis.openapi.from_url(
        f"{live_server.url}/api/schema/?format=json", headers={"Authorization": f"Token {tokens['strategy']}"}
    )
    failures = []

    for result in schema.get_all_operations():
        operation = result.ok()
        for who, token in tokens.items():
            if who == "staff" and operation.method.upper() == "GET":
                continue  # reads are exercised as the strategy office, who sees the most

            @settings(
                max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
            )
            @given(case=operation.as_strategy())
            def call(case):
                headers = {"Authorization": f"Token {token}"}
                response = case.call(base_url=live_server.url, headers=headers)
                try:
                    case.validate_response(response, checks=CHECKS, headers=headers)
                except (AssertionError, BaseExceptionGroup) as failure:  # one Failure, or a FailureGroup of them
                    summary = " / ".join(str(f).strip().splitlines()[0] for f in getattr(failure, "exceptions", [failure]))
                    failures.append(f"{who} {case.method} {case.formatted_path} → {response.status_code}: {summary}")

            call()

    assert failures == []
