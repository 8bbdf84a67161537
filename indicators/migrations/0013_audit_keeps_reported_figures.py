"""Fill the figures accepted and adjusted audits left empty with the report's figures as audited.

Before this, an empty audit figure was read from the report row at scoring time, so an unsent
correction of a reopened report counted as the audited result. audit_save now records the figure
it keeps; this gives older audits the same, taken from the report's history at the audit time.
"""

from django.db import migrations

COUNTED = ("accepted", "adjusted")


def _report_as_audited(apps, audit):
    """The report's last saved state at or before the audit (the row itself without history)."""
    historical = apps.get_model("indicators", "HistoricalQuarterlyReport")
    row = (
        historical.objects.filter(id=audit.report_id, history_date__lte=audit.audited_at)
        .order_by("-history_date", "-history_id")
        .first()
    )
    return row or audit.report


def keep_reported_figures(apps, schema_editor):
    audit_model = apps.get_model("indicators", "QuarterAudit")
    audits = audit_model.objects.filter(status__in=COUNTED, report__isnull=False).select_related("indicator", "report")
    for audit in audits.iterator():
        kind = audit.indicator.rubric_kind
        scores_value, scores_level = kind != "milestone", kind != "numeric"  # indicators.figures.figures_for
        wanted = [
            ("verified_progress_percent", "progress_percent", True),
            ("verified_value", "measured_value", scores_value),
            ("verified_level", "level_reached", scores_level),
        ]
        empty = [(mine, theirs) for mine, theirs, scored in wanted if scored and getattr(audit, mine) is None]
        if not empty:
            continue
        report = _report_as_audited(apps, audit)
        changed = {mine: getattr(report, theirs) for mine, theirs in empty if getattr(report, theirs) is not None}
        if changed:
            # update(), not save(): audited_at is auto_now and must stay the time of the audit.
            audit_model.objects.filter(pk=audit.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0012_audit_progress_0_100")]

    operations = [migrations.RunPython(keep_reported_figures, migrations.RunPython.noop)]
