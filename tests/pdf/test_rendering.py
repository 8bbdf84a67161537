"""The renderer: parallel worker processes, threads, merging."""

import io
import tempfile
import threading

import pytest

from kpi_portal.lib import pdf as pdf_lib

from .conftest import page_texts, squeeze


def document(n: int) -> str:
    return pdf_lib.prepare_text(f"<h1>เอกสารที่ {n}</h1><p>น้ำหนักคะแนน {n * 10}</p>", thai_digits=True)


def test_render_each_in_two_processes_keeps_order_and_reports_progress():
    done = []
    parts = list(pdf_lib.render_each([document(n) for n in (1, 2, 3)], workers=2, on_done=done.append))
    assert done == [1, 2, 3]
    book = pdf_lib.merge_pdfs(parts)
    pages = page_texts(book, mode="raw")
    assert [squeeze(f"เอกสารที่ {n}") in squeeze(page) for n, page in zip(("๑", "๒", "๓"), pages)] == [True] * 3
    assert squeeze("น้ำหนักคะแนน ๓๐") in squeeze(pages[2])


def test_renders_safely_from_several_threads():
    results, errors = {}, []

    def work(n):
        try:
            results[n] = pdf_lib.html_to_pdf(document(n))
        except Exception as exc:  # noqa: BLE001 - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in (1, 2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert squeeze("เอกสารที่ ๒") in squeeze(page_texts(results[2], mode="raw")[0])


def test_worker_processes_leave_the_database_connection_and_transaction_alone(django_user_model, db):
    django_user_model.objects.create(username="before")
    assert len(list(pdf_lib.render_each([document(n) for n in (1, 2)], workers=2))) == 2
    django_user_model.objects.create(username="after")  # same connection, same open test transaction
    assert django_user_model.objects.filter(username__in=["before", "after"]).count() == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_a_long_book_holds_only_a_few_documents_at_once(workers):
    """The whole-city book at ten times today's size is thousands of pages: documents are built as
    workers free up, not all before the first is rendered."""
    built = []

    def documents():
        for n in range(1, 11):
            built.append(n)
            yield document(n)

    parts = pdf_lib.render_each(documents(), workers=workers)
    next(parts)
    assert len(built) <= pdf_lib.IN_FLIGHT_PER_WORKER * workers
    assert len(list(parts)) == 9 and len(built) == 10


def test_a_book_is_written_in_order_and_leaves_no_parts_behind(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    out = io.BytesIO()
    pdf_lib.write_book([document(n) for n in (1, 2, 3)], out, workers=2)
    pages = page_texts(out.getvalue(), mode="raw")
    assert [squeeze(f"เอกสารที่ {n}") in squeeze(page) for n, page in zip(("๑", "๒", "๓"), pages)] == [True] * 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("kpi-book-")] == []
