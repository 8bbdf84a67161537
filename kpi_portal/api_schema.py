"""How the OpenAPI schema describes what the API really answers (checked by schemathesis in tests/api).

drf-spectacular documents the success answer only; every operation here can also answer 401, 403 and
404 (kpi_portal.api_exceptions), those taking input 400 with per-field messages, and writes 409.
"""

from drf_spectacular import openapi
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "ข้อความภาษาไทย (หรือภาษาอังกฤษตาม Accept-Language)"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": (
        "ข้อความต่อฟิลด์ (non_field_errors: ข้อผิดพลาดที่ไม่ใช่ของฟิลด์ใด; problems: เหตุที่ส่งชุดตัวชี้วัดไม่ได้)"
    ),
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "array", "items": {"type": "object"}, "description": "ตาราง: ข้อความของแต่ละแถว"},
            {"type": "object", "description": "รายการ: ข้อความตามลำดับที่ผิด"},
            {"type": "string", "description": "detail: อ่าน JSON ไม่ได้"},
        ]
    },
}
ERROR_ANSWERS = {
    "401": "ไม่ได้ส่ง token หรือ token ไม่ถูกต้อง",
    "403": "ผู้ใช้ไม่มีสิทธิ์ทำรายการนี้กับข้อมูลที่มองเห็นได้",
    "404": "ไม่พบ หรือไม่มีสิทธิ์เห็น (ไม่บอกว่ามีอยู่หรือไม่)",
    "409": "ข้อมูลถูกแก้ไขไปแล้ว (expected_version เก่า) หรือสถานะไม่อนุญาตการทำรายการนี้",
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        takes_input = self.method != "GET" or any(p["in"] == "query" for p in self._get_parameters())
        codes = ["401", "403", "404"] + (["409"] if self.method != "GET" else [])
        for code in codes:
            responses.setdefault(code, self._error_answer(ERROR_ANSWERS[code], "Error", ERROR))
        if takes_input:
            responses.setdefault("400", self._error_answer("ข้อมูลไม่ถูกต้อง", "FieldErrors", FIELD_ERRORS))
        return responses

    def _error_answer(self, description, name, schema):
        kind = openapi.ResolvedComponent.SCHEMA
        component = openapi.ResolvedComponent(name=name, type=kind, object=name, schema=schema)
        self.registry.register_on_missing(component)
        return {"description": description, "content": {"application/json": {"schema": component.ref}}}

    def get_description(self):
        """Operations are described in Thai by their extend_schema summary (and description where a write
        needs one); the views' docstrings are for developers and stay out of the published docs."""
        return ""

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.DecimalField) and field.max_whole_digits and "pattern" in schema:
            # drf-spectacular's pattern also matches "", "-" and "."; a number needs at least one digit,
            # and no minus sign where negatives are refused.
            whole, places = field.max_whole_digits, field.decimal_places
            sign = "" if field.min_value is not None and field.min_value >= 0 else "-?"
            schema["pattern"] = rf"^{sign}(?:\d{{1,{whole}}}(?:\.\d{{0,{places}}})?|\.\d{{1,{places}}})$"
            if not sign and field.max_value is not None:
                schema["pattern"] = bounded_decimal_pattern(field.max_value, places) or schema["pattern"]
        return schema


def bounded_decimal_pattern(ceiling, places):
    """A pattern for 0 … ceiling ("100", "99.5", ".5" but not "100.01" or "927"), where a regex says it simply.

    Covers the bounds the API has (percentages up to 100, rubric levels up to 5): a whole ceiling that is
    at most 10 or a power of ten. Other ceilings keep the digit-count pattern; the API still refuses them.
    """
    if ceiling != int(ceiling) or ceiling < 1:
        return None
    ceiling = int(ceiling)
    digits = len(str(ceiling)) - 1
    if ceiling <= 10:
        below = f"[0-{ceiling - 1}]"
    elif ceiling == 10**digits:
        below = rf"\d{{1,{digits}}}"
    else:
        return None
    fraction = rf"(?:\.\d{{0,{places}}})?"
    return rf"^(?:{ceiling}(?:\.0{{0,{places}}})?|{below}{fraction}|\.\d{{1,{places}}})$"


def summaries(**by_action):
    """One-line summaries of a viewset's inherited actions (list, retrieve) for the docs page."""
    return extend_schema_view(**{action: extend_schema(summary=text) for action, text in by_action.items()})
