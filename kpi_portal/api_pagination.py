"""How the API pages its lists."""

import re

from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

BAD_PAGE_SIZE = gettext_lazy("page_size ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป (สูงสุด 500 รายการต่อหน้า)")


class ApiPagination(PageNumberPagination):
    """PAGE_SIZE rows a page (settings); a caller may ask for up to 500 with ?page_size=."""

    page_size_query_param = "page_size"
    max_page_size = 500
    page_query_description = gettext_lazy("หน้าที่ต้องการ เริ่มที่ 1")
    page_size_query_description = gettext_lazy("จำนวนรายการต่อหน้า (ไม่ระบุ = 50; มากกว่า 500 ได้ 500)")

    def get_page_size(self, request):
        """A page_size that is not a whole number from 1 is a 400, rather than quietly the default size."""
        raw = request.query_params.get(self.page_size_query_param, "")
        if raw == "":
            return self.page_size
        digits = raw.lstrip("0")
        if not re.fullmatch(r"[0-9]+", raw) or not digits:
            raise ValidationError({self.page_size_query_param: [BAD_PAGE_SIZE]})
        # Any larger number is the most there is (a very long one is not even read: int() caps its length).
        return self.max_page_size if len(digits) > 9 else min(int(digits), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
