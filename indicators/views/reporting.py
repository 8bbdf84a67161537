"""Thin views of quarterly reporting: the indicator page, the report form, audit, reopen, evidence download."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.permissions import can_audit, indicator_for_user
from indicators.audit_rules import audit_predates_submission
from indicators.charts import progress_chart
from indicators.figures import figures_for
from indicators.plan import fiscal_month_names
from indicators.forms_reporting import AuditForm, ReopenForm, ReportForm
from indicators.models import EvidenceFile, QuarterlyReport
from indicators.selectors.audit_scores import audit_scores, figures_score
from indicators.selectors.framework import indicator_strategy_path
from indicators.selectors.reporting import (
    audit_form_initial,
    evidence_by_quarter,
    indicator_criteria,
    indicator_progress,
    pending_conflicts,
    progress_of,
    project_plans,
    quarter_records,
)
from indicators.services import auditing
from indicators.services import evidence as evidence_services
from indicators.services import reporting as services
from indicators.views.audit_queue import queue_return_url
from kpi_portal.forms import apply_errors, with_version


def _quarter(quarter: int) -> int:
    if quarter not in (1, 2, 3, 4):
        raise Http404("ไม่พบไตรมาส")
    return quarter


@login_required
def indicator_page(request, pk: int):
    """รายละเอียดตัวชี้วัด: target, weight, result used, points, quarters, narratives, evidence, plan chart."""
    indicator = indicator_for_user(request.user, pk)
    progress = indicator_progress(indicator, today=timezone.localdate())
    by_quarter = evidence_by_quarter(indicator)
    criteria = indicator_criteria(indicator)
    actual = {row.quarter: row.used.progress_percent for row in progress.quarters}
    chart = progress_chart(progress.curve, {q: v for q, v in actual.items() if v is not None})
    scores = {row.quarter: progress.quarter_scores[row.quarter] for row in progress.quarters if row.used.source}
    chain = indicator_strategy_path(indicator)
    context = {
        "indicator": indicator,
        "progress": progress,
        "quarters": [(row, by_quarter.get(row.quarter, []), scores.get(row.quarter)) for row in progress.quarters],
        "project_plans": project_plans(indicator),
        "month_names": fiscal_month_names(),
        "strategy_chain": chain,
        # The typed goal or tactic repeats the chain's node of that level (the seed lists each once).
        "chain_levels": {node.level for node in chain},
        "chart": chart,
        "rubric": criteria.rubric,
        "conditions": criteria.conditions,
        "requirements": criteria.requirements,
        # What the user may do with each quarter, as the report and audit services decide.
        "editable_quarters": {
            row.quarter for row in progress.quarters if services.may_edit_report(request.user, indicator, row.report)
        },
        "auditable_quarters": {row.quarter for row in progress.quarters if auditing.may_audit(request.user, row.report)},
    }
    return render(request, "indicators/reporting/indicator_page.html", context)


@login_required
def report_edit(request, pk: int, quarter: int):
    """The agency's form for one quarter; read-only once submitted or for readers outside the agency."""
    indicator = indicator_for_user(request.user, pk)
    quarter = _quarter(quarter)
    records = quarter_records(indicator, quarter)
    report = records.report
    editable = services.may_edit_report(request.user, indicator, report)
    form_kwargs = _report_form_kwargs(indicator, records.evidence)
    conflict_saved = None
    unsent = False  # typed on a form opened before the report was sent: shown beside the sent report
    preview = None  # "ตรวจดูระดับ": what the typed figures would score, nothing saved
    if request.method == "POST":
        if not services.may_report_on(request.user, indicator):
            raise PermissionDenied(_("ท่านไม่มีสิทธิ์แก้ไขรายงานนี้ หรือรายงานส่งแล้ว"))
        form = ReportForm(request.POST, request.FILES, **form_kwargs)
        if not editable:
            unsent = True
            if form.is_valid():
                services.report_keep_unsent(
                    report=report, user=request.user, data=_report_input(form.cleaned_data),
                    based_on=form.cleaned_data["version"],
                )  # fmt: skip
            messages.error(request, services.SENT_MEANWHILE_MESSAGE)
        elif form.is_valid() and "preview" in request.POST:
            data = _report_input(form.cleaned_data)
            try:
                services.check_report_figures(indicator=indicator, data=data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                preview = {"score": figures_score(indicator, data.measured_value, data.level_reached)}
        elif form.is_valid():
            data = form.cleaned_data
            uploads = [evidence_services.EvidenceUpload(f, data["evidence_description"]) for f in data["evidence"]]
            try:
                saved = services.report_save(
                    indicator=indicator,
                    quarter=quarter,
                    user=request.user,
                    data=_report_input(data),
                    expected_version=data["version"],
                    submit="submit" in request.POST,
                    evidence=uploads,
                    remove_evidence_ids=data["remove_evidence"],
                )
            except services.StaleReportError as exc:
                conflict_saved = exc.report
                # The form keeps what they typed; the next save is made on top of the version they have now seen.
                form = ReportForm(with_version(request.POST, exc.report.version), **form_kwargs)
                form.is_valid()
                form.add_error(None, services.STALE_MESSAGE)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if saved.status == "submitted":
                    text = _("ส่งรายงานไตรมาสที่ %(q)s แล้ว") % {"q": quarter}
                    if saved.is_late:
                        text += " " + _("(ส่งหลังกำหนด บันทึกว่าส่งล่าช้า)")
                    messages.success(request, text)
                else:
                    messages.success(request, _("บันทึกร่างแล้ว"))
                return redirect("indicators:report_edit", pk=indicator.pk, quarter=quarter)
        # Nothing was saved, and a browser never sends a chosen file twice: say so beside the box.
        if request.FILES.getlist("evidence") and "evidence" not in form.errors:
            not_saved = _("ไฟล์ที่เลือกยังไม่ได้บันทึก กรุณาเลือกไฟล์อีกครั้งเมื่อบันทึก")
            form.add_error("evidence", not_saved)
            if unsent:  # no form on the page to say it beside
                messages.error(request, not_saved)
    else:
        form = _unbound_report_form(report, form_kwargs)
    return _report_page(
        request, indicator, quarter, records, form,
        editable=editable, preview=preview, conflict_saved=conflict_saved, unsent=unsent,
    )  # fmt: skip


def _report_form_kwargs(indicator, evidence) -> dict:
    return {
        "evidence_choices": [(e.pk, e.original_name) for e in evidence],
        "figures": figures_for(indicator.rubric_kind),
        "unit": indicator.measured_unit,
    }


def _unbound_report_form(report, form_kwargs) -> ReportForm:
    """The report form as the page opens: the saved report's figures, on top of its version."""
    initial = {"version": report.version if report else 0}
    if report:
        initial.update(
            progress_percent=report.progress_percent,
            measured_value=report.measured_value,
            level_reached=report.level_reached,
            narrative=report.narrative,
        )
    return ReportForm(initial=initial, **form_kwargs)


def _report_page(
    request, indicator, quarter, records, form, *, editable, reopen_form=None, preview=None, conflict_saved=None,
    unsent=False, status=200,
):
    """The report page; `reopen_form`: the reopen step refused, shown again with what was typed."""
    report = records.report
    criteria = indicator_criteria(indicator)
    pending = []
    # Just refused: the side-by-side panel shows it. Only the agency's own people can have typed any.
    if report and conflict_saved is None and not unsent and services.may_report_on(request.user, indicator):
        pending = pending_conflicts(report, author=request.user)
    row = progress_of(indicator, today=timezone.localdate()).quarters[quarter - 1]
    return render(
        request,
        "indicators/reporting/report_form.html",
        {
            "row": row,  # deadline, planned figure and status as the dashboards and result page say them
            "indicator": indicator,
            "quarter": quarter,
            "report": report,
            "audit": records.audit,
            "form": form,
            "editable": editable,
            "evidence": records.evidence,
            "requirements": criteria.requirements,
            "rubric": criteria.rubric,
            "conditions": criteria.conditions,
            "preview": preview,
            "conflict_saved": conflict_saved,
            "unsent": unsent,
            "pending_conflicts": pending,
            "can_reopen": auditing.may_reopen(request.user, report),
            "reopen_form": reopen_form or ReopenForm(),
            "max_size": evidence_services.human_size(settings.EVIDENCE_MAX_BYTES),
        },
        status=status,
    )


def _report_input(data: dict) -> services.ReportInput:
    """The figures and narrative of a valid report form (a figure the rubric does not score has no field)."""
    return services.ReportInput(
        progress_percent=data["progress_percent"],
        measured_value=data.get("measured_value"),
        level_reached=data.get("level_reached"),
        narrative=data["narrative"],
    )


def report_moved_on_message(report) -> str:
    """A step refused because the report changed after the page was opened (reopened and sent again)."""
    return _(
        "รายงานนี้เปลี่ยนไปหลังจากที่ท่านเปิดหน้านี้ (สถานะขณะนี้: %(status)s) ยังไม่ได้บันทึกการดำเนินการของท่าน "
        "โปรดตรวจดูรายงานอีกครั้งแล้วจึงดำเนินการ"
    ) % {"status": report.get_status_display()}


@login_required
@require_POST
def report_reopen(request, pk: int, quarter: int):
    """สยป. reopens a sent report; one sent again since the page was opened is refused, the reason kept."""
    indicator = indicator_for_user(request.user, pk)
    report = get_object_or_404(QuarterlyReport, indicator=indicator, quarter=_quarter(quarter))
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            auditing.report_reopen(
                report=report, user=request.user, reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )  # fmt: skip
        except services.StaleReportError as stale:
            if not auditing.may_reopen(request.user, stale.report):
                # Already reopened by a colleague: there is no reopen form left to keep the reason in.
                messages.error(request, report_moved_on_message(stale.report))
                return redirect("indicators:report_edit", pk=indicator.pk, quarter=quarter)
            form.add_error(None, report_moved_on_message(stale.report))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("indicators:report_edit", pk=indicator.pk, quarter=quarter)
        else:
            messages.success(request, _("เปิดรายงานไตรมาสที่ %(q)s ให้หน่วยงานแก้ไขแล้ว") % {"q": quarter})
            return redirect("indicators:report_edit", pk=indicator.pk, quarter=quarter)
    # Refused for its input or a stale page: the page as it is now, the reason typed kept in its form.
    records = quarter_records(indicator, quarter)
    editable = services.may_edit_report(request.user, indicator, records.report)
    form_kwargs = _report_form_kwargs(indicator, records.evidence)
    return _report_page(
        request, indicator, quarter, records, _unbound_report_form(records.report, form_kwargs),
        editable=editable, reopen_form=form, status=422,
    )  # fmt: skip


@login_required
def audit_edit(request, pk: int, quarter: int):
    """สยป. ตรวจประเมิน: verified figures, status, comment and the evidence checklist, beside the agency's own."""
    if not can_audit(request.user):
        raise PermissionDenied(_("เฉพาะ สยป. เท่านั้นที่ตรวจประเมินผลได้"))
    indicator = indicator_for_user(request.user, pk)
    quarter = _quarter(quarter)
    records = quarter_records(indicator, quarter)
    report, audit, evidence = records.report, records.audit, records.evidence
    criteria = indicator_criteria(indicator)
    requirements = criteria.requirements
    form_kwargs = {
        "requirement_choices": [(r.pk, r.description) for r in requirements],
        "figures": figures_for(indicator.rubric_kind),
        "unit": indicator.measured_unit,
    }
    stale_audit = None
    queue_url = queue_return_url(request)  # came from the audit queue: go back to it, filters kept
    if request.method == "POST":
        form = AuditForm(request.POST, **form_kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = auditing.audit_save(
                    indicator=indicator,
                    quarter=quarter,
                    user=request.user,
                    data=auditing.AuditInput(
                        status=data["status"],
                        verified_progress_percent=data["verified_progress_percent"],
                        verified_value=data.get("verified_value"),
                        verified_level=data.get("verified_level"),
                        comment=data["comment"],
                        present_requirement_ids=frozenset(data["present"]),
                        confirm_without_evidence=data["confirm_without_evidence"],
                    ),
                    expected_version=data["version"],
                    expected_report_version=data["report_version"],
                )
            except auditing.StaleAuditError as exc:
                stale_audit = exc.audit
                form = AuditForm(with_version(request.POST, exc.audit.version if exc.audit else 0), **form_kwargs)
                form.is_valid()
                form.add_error(None, str(exc))
            except services.StaleReportError as exc:
                # The report beside the form is the one sent since: the next save judges what they now see.
                form = AuditForm(with_version(request.POST, exc.report.version, "report_version"), **form_kwargs)
                form.is_valid()
                form.add_error(None, report_moved_on_message(exc.report))
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                text = _("ตรวจผลตัวชี้วัดที่ %(number)s ของ%(agency)s ไตรมาสที่ %(q)s แล้ว: %(result)s") % {
                    "number": indicator.number,
                    "agency": indicator.agency.name_th,
                    "q": quarter,
                    "result": saved.get_status_display(),
                }
                messages.success(request, text)
                return redirect(queue_url or reverse("indicators:indicator_page", args=[indicator.pk]))
    else:
        form = AuditForm(initial=audit_form_initial(report, audit), **form_kwargs)
    return render(
        request,
        "indicators/reporting/audit_form.html",
        {
            "indicator": indicator,
            "quarter": quarter,
            "report": report,
            "audit": audit,
            "stale_audit": stale_audit,
            # Saved before the agency sent this report again: shown as the previous audit, not as this one.
            "previous_audit": audit if audit_predates_submission(audit, report) else None,
            "scores": audit_scores(indicator, report, audit),
            "form": form,
            "evidence": evidence,
            "requirements": requirements,
            "rubric": criteria.rubric,
            "conditions": criteria.conditions,
            "planned": progress_of(indicator, today=timezone.localdate()).quarters[quarter - 1].planned,
            "queue_url": queue_url,
            "ready_for_audit": auditing.is_ready_for_audit(report),
            "no_evidence_warning": None if evidence else auditing.NO_EVIDENCE_WARNING,
            "not_ready_message": auditing.NOT_READY_FOR_AUDIT,
        },
    )


@login_required
def evidence_download(request, pk: int):
    """Serve an evidence file to people who may read its indicator; never through a public media URL."""
    evidence = get_object_or_404(EvidenceFile.objects.select_related("report"), pk=pk)
    indicator_for_user(request.user, evidence.report.indicator_id)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("ไม่พบไฟล์") from None
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
