"""URLs of the indicators app; each stage keeps its own list (urls_<stage>.py) to stay readable."""

from importlib import import_module

app_name = "indicators"

urlpatterns: list = []
for _stage in ("negotiation", "reporting", "documents"):
    try:
        urlpatterns += import_module(f"indicators.urls_{_stage}").urlpatterns
    except ModuleNotFoundError as exc:
        if exc.name != f"indicators.urls_{_stage}":
            raise
