"""URLs of the indicators app; each stage keeps its own list (urls_<stage>.py) to stay readable."""

from . import urls_documents, urls_imports, urls_negotiation, urls_reporting

app_name = "indicators"

urlpatterns = (
    urls_negotiation.urlpatterns + urls_reporting.urlpatterns + urls_documents.urlpatterns + urls_imports.urlpatterns
)
