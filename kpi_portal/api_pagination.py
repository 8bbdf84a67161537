"""How the API pages its lists."""

from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    """PAGE_SIZE rows a page (settings); a caller may ask for up to 500 with ?page_size=."""

    page_size_query_param = "page_size"
    max_page_size = 500
