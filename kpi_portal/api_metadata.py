"""What OPTIONS tells a caller about an API address."""

from django.urls import reverse
from rest_framework.metadata import SimpleMetadata


class ApiMetadata(SimpleMetadata):
    """The formats an address renders and parses, and where the OpenAPI schema (the contract) is.

    DRF's default also sends the view's docstring (developer notes, in English, kept out of the
    published docs on purpose) and, for writes, the fields of the *read* serializer, which are
    not what the write takes (no expected_version or submit on reports, for one).
    """

    def determine_metadata(self, request, view):
        return {
            "renders": [renderer.media_type for renderer in view.renderer_classes],
            "parses": [parser.media_type for parser in view.parser_classes],
            "schema": request.build_absolute_uri(reverse("api:schema")),
        }
