"""HTML → PDF with WeasyPrint: the only module that imports it.

Documents are Django templates under templates/pdf/ styled by static/css/pdf.css.
Three things happen between the template and WeasyPrint:

* Thai digits: official documents write ๐-๙. Digits in the text between tags are
  converted (never inside tags or character entities), so a per-call switch can
  print Arabic digits instead.
* SARA AM: WeasyPrint maps each glyph to the text of the first cluster it was
  drawn in, and HarfBuzz splits ำ (U+0E33) into NIKHAHIT + SARA AA inside one
  merged cluster, so after one "น้ำ" every SARA AA copies as "้ำ". Writing ำ as
  U+0E4D U+0E32 (its NFKC form) gives HarfBuzz nothing to decompose or reorder:
  every glyph keeps a cluster of its own and copies as itself. Sarabun draws both
  spellings identically; extracted text equals the source after NFKC.
* Fetching: the url_fetcher serves files under static/ and refuses everything
  else, so no request leaves the machine while rendering.
"""

from __future__ import annotations

import io
import mimetypes
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from kpi_portal.lib.thai import to_thai_digits

STATIC_DIR = Path(settings.BASE_DIR) / "static"
STYLESHEET = STATIC_DIR / "css" / "pdf.css"
SARA_AM = "\u0e33"
SARA_AM_DECOMPOSED = "\u0e4d\u0e32"

# Text between two tags; entities (&#x27; &amp; …) are matched first so their digits stay Arabic.
_TEXT_RE = re.compile(r">([^<]+)<")
_ENTITY_OR_DIGIT_RE = re.compile(r"&#?\w+;|[0-9]+")


class StaticFilesFetcher(URLFetcher):
    """Serve files under static/ only; record and refuse every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        path = static_path(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url!r}: documents may only use static files")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def static_path(url: str) -> Path | None:
    """The file a file:// URL names if it lies inside static/, else None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if not path.is_relative_to(STATIC_DIR.resolve()) or not path.is_file():
        return None
    return path


def base_url() -> str:
    return STATIC_DIR.resolve().as_uri() + "/"


def prepare_text(html: str, *, thai_digits: bool) -> str:
    """Rewrite the text between tags: ำ decomposed, digits in Thai when asked."""

    def digits(match: re.Match) -> str:
        token = match.group(0)
        return token if token.startswith("&") else to_thai_digits(token)

    def text(match: re.Match) -> str:
        value = match.group(1).replace(SARA_AM, SARA_AM_DECOMPOSED)
        if thai_digits:
            value = _ENTITY_OR_DIGIT_RE.sub(digits, value)
        return f">{value}<"

    return _TEXT_RE.sub(text, html)


def use_thai_digits(thai_digits: bool | None) -> bool:
    return settings.PDF_THAI_DIGITS if thai_digits is None else thai_digits


def render_html(*, template_name: str, context: dict, thai_digits: bool | None = None) -> str:
    """The finished HTML of a document, ready for WeasyPrint."""
    thai = use_thai_digits(thai_digits)
    html = render_to_string(template_name, {**context, "thai_digits": thai})
    return prepare_text(html, thai_digits=thai)


# One FontConfiguration and parsed stylesheet, reused by every render of a thread: Pango font maps are
# not shared across threads, and a forked worker process builds its own.
_local = threading.local()


def _resources(thai_digits: bool) -> tuple[FontConfiguration, list]:
    cache = getattr(_local, "cache", None)
    if cache is None or cache["pid"] != os.getpid():
        cache = _local.cache = {"pid": os.getpid(), "fonts": FontConfiguration()}
    key = ("css", thai_digits)
    if key not in cache:
        fonts = cache["fonts"]
        style = "thai" if thai_digits else "decimal"
        page_numbers = (
            f'@page {{ @bottom-right {{ content: "หน้า " counter(page, {style}) "/" counter(pages, {style}); }} }}'
        )
        cache[key] = [
            CSS(filename=str(STYLESHEET), url_fetcher=StaticFilesFetcher(), font_config=fonts),
            CSS(string=page_numbers, font_config=fonts),
        ]
    return cache["fonts"], cache[key]


def html_to_pdf(html: str, *, thai_digits: bool | None = None, url_fetcher: URLFetcher | None = None) -> bytes:
    """Render finished HTML (see render_html) to PDF bytes."""
    fonts, stylesheets = _resources(use_thai_digits(thai_digits))
    document = HTML(string=html, base_url=base_url(), url_fetcher=url_fetcher or StaticFilesFetcher())
    return document.write_pdf(stylesheets=stylesheets, font_config=fonts)


def render_pdf(
    *,
    template_name: str,
    context: dict,
    thai_digits: bool | None = None,
    url_fetcher: URLFetcher | None = None,
) -> bytes:
    """Render a document template to PDF bytes."""
    html = render_html(template_name=template_name, context=context, thai_digits=thai_digits)
    return html_to_pdf(html, thai_digits=thai_digits, url_fetcher=url_fetcher)


def _forget_database_connections() -> None:
    """In a forked worker: drop (never close) the parent's database connections so nothing here touches
    their sockets. Workers only turn HTML into PDF; closing would end the parent's session, and closing in
    the parent instead would break an open transaction."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.connection = None


def _render_job(args: tuple[str, bool]) -> bytes:
    html, thai_digits = args
    return html_to_pdf(html, thai_digits=thai_digits)


def render_many(htmls, *, thai_digits: bool | None = None, workers: int | None = None, on_done=None) -> list[bytes]:
    """Render finished HTML documents in order, in parallel worker processes when workers > 1.

    WeasyPrint uses one core, so the city book spreads documents over processes. `htmls` may be a
    generator: each document is handed to a worker as soon as it is built, so building the rest
    overlaps with rendering. `on_done(count)` is called in this process after each document.
    """
    thai = use_thai_digits(thai_digits)
    workers = workers or settings.PDF_WORKERS
    results: list[bytes] = []
    if workers <= 1:
        for html in htmls:
            results.append(html_to_pdf(html, thai_digits=thai))
            if on_done:
                on_done(len(results))
        return results
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=get_context("fork"), initializer=_forget_database_connections
    ) as pool:
        futures = [pool.submit(_render_job, (html, thai)) for html in htmls]
        for future in futures:
            results.append(future.result())
            if on_done:
                on_done(len(results))
    return results


def merge_pdfs(documents: list[bytes]) -> bytes:
    """Concatenate PDF documents into one (each keeps its own page numbering)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for document in documents:
        writer.append(io.BytesIO(document))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
