"""Write a printed document to a file: `manage.py export_pdf summary --year 2567 --agency SKJ -o skj.pdf`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from indicators import documents
from indicators.models import DocumentJobKind, FiscalYear, Indicator
from indicators.services.documents import city_book_write
from kpi_portal.lib.pdf import render_pdf

AGENCY_DOCUMENTS = {
    "summary": ("pdf/summary_form.html", documents.summary_form_context),
    "package": ("pdf/negotiation_package.html", documents.negotiation_package_context),
}
CITY_DOCUMENTS = {"city-summary": DocumentJobKind.CITY_SUMMARY, "city-package": DocumentJobKind.CITY_PACKAGE}
EXTRA_DOCUMENTS = ("sheet", "quarterly", "scorecard", "ranking")


class Command(BaseCommand):
    help = "Render a document to PDF (summary, sheet, package, quarterly, scorecard, ranking, city-summary/package)"

    def add_arguments(self, parser):
        parser.add_argument("document", choices=[*AGENCY_DOCUMENTS, *EXTRA_DOCUMENTS, *CITY_DOCUMENTS])
        parser.add_argument("--year", type=int, required=True, help="ปีงบประมาณ พ.ศ. เช่น 2567")
        parser.add_argument("--agency", help="รหัสหน่วยงาน")
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
        parser.add_argument("--indicator", type=int, help="ที่ของตัวชี้วัด (สำหรับ sheet)")
        parser.add_argument("--arabic", action="store_true", help="พิมพ์ด้วยเลขอารบิก")
        parser.add_argument("--workers", type=int, help="จำนวนโปรเซสสำหรับเอกสารทุกหน่วยงาน")
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, document, year, agency, quarter, indicator, arabic, workers, output, **options):
        try:
            fiscal_year = FiscalYear.objects.get(year_be=year)
        except FiscalYear.DoesNotExist:
            raise CommandError(f"ไม่พบปีงบประมาณ พ.ศ. {year}") from None
        thai_digits = not arabic
        if document in CITY_DOCUMENTS:
            self._city_book(Path(output), CITY_DOCUMENTS[document], fiscal_year, thai_digits, workers)
            return
        if document == "ranking":
            content = self._ranking(fiscal_year, quarter, thai_digits)
        else:
            agency = self._agency(agency)
            content = self._agency_document(document, fiscal_year, agency, quarter, indicator, thai_digits)
        Path(output).write_bytes(content)
        self.stdout.write(f"wrote {output} ({len(content):,} bytes)")

    def _city_book(self, output: Path, kind, fiscal_year, thai_digits, workers):
        """Straight to disk under a temporary name: a failed run never leaves a half-written book behind."""
        partial = output.with_name(output.name + ".part")
        try:
            with partial.open("wb") as out:
                city_book_write(out, kind=kind, fiscal_year=fiscal_year, thai_digits=thai_digits, workers=workers)
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(f"wrote {output} ({output.stat().st_size:,} bytes)")

    def _agency(self, code):
        if not code:
            raise CommandError("ต้องระบุ --agency")
        try:
            return Agency.objects.get(code=code)
        except Agency.DoesNotExist:
            raise CommandError(f"ไม่พบหน่วยงานรหัส {code}") from None

    def _agency_document(self, document, fiscal_year, agency, quarter, number, thai_digits):
        if document in AGENCY_DOCUMENTS:
            template_name, build = AGENCY_DOCUMENTS[document]
            context = build(fiscal_year=fiscal_year, agency=agency)
        elif document == "sheet":
            try:
                indicator = Indicator.objects.get(fiscal_year=fiscal_year, agency=agency, number=number)
            except Indicator.DoesNotExist:
                raise CommandError("ต้องระบุ --indicator ที่ของตัวชี้วัดที่มีอยู่") from None
            template_name, context = "pdf/indicator_sheet.html", documents.indicator_sheet_context(indicator=indicator)
        elif document == "quarterly":
            if not quarter:
                raise CommandError("ต้องระบุ --quarter")
            template_name = "pdf/quarterly_report.html"
            context = documents.quarterly_report_context(fiscal_year=fiscal_year, agency=agency, quarter=quarter)
        else:
            return self._scorecard(fiscal_year, agency, quarter, thai_digits)
        return render_pdf(template_name=template_name, context=context, thai_digits=thai_digits)

    def _scorecard(self, fiscal_year, agency, quarter, thai_digits):
        from scoring.documents import scorecard_context

        context = scorecard_context(fiscal_year=fiscal_year, agency=agency, quarter=quarter)
        return render_pdf(template_name="pdf/scorecard.html", context=context, thai_digits=thai_digits)

    def _ranking(self, fiscal_year, quarter, thai_digits):
        from scoring.documents import ranking_context

        context = ranking_context(fiscal_year=fiscal_year, quarter=quarter)
        return render_pdf(template_name="pdf/ranking.html", context=context, thai_digits=thai_digits)
