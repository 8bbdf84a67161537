"""ตัวชี้วัด: one row per indicator with its rubric levels and baselines."""

import copy
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy
from import_export import fields

from agencies.permissions import EDITABLE_PACKAGE_STATES
from indicators.history import record_first_versions
from indicators.models import (
    AgencyPackage,
    CompositionElement,
    Indicator,
    IndicatorBaseline,
    IndicatorStatus,
    ResultType,
    RubricDirection,
    RubricKind,
    RubricLevel,
)
from indicators.services.table_rows import field_key, sync_rows
from indicators.validators import WEIGHT_ABOVE_ZERO
from kpi_portal.lib.numbers import parse_number
from kpi_portal.lib.spreadsheet_resource import ThaiModelResource, comparable
from kpi_portal.lib.spreadsheet_widgets import (
    BEYearWidget,
    ChoiceLabelWidget,
    CodeForeignKeyWidget,
    ThaiBooleanWidget,
    ThaiDecimalWidget,
    ThaiIntegerWidget,
)
from kpi_portal.lib.thai import to_arabic_digits

from ._common import YearFileOptions, agency_widget, cell_text

LEVELS = (5, 4, 3, 2, 1)
BASELINE_SLOTS = (1, 2, 3, 4)
# Optional: files written before these columns import with every threshold inclusive.
EXCLUSIVE_COLUMN = "ไม่นับค่าที่เท่ากับค่าเกณฑ์ระดับ {level}"


class IndicatorResource(ThaiModelResource):
    """One row per indicator, with its five rubric levels and up to four baseline years as extra columns."""

    kind_label = "ตัวชี้วัด"
    needs_fiscal_year = True
    required_columns = (
        "รหัสหน่วยงาน", "ที่", "รหัสองค์ประกอบ", "ชื่อตัวชี้วัด", "น้ำหนักคะแนน",
        *(f"เกณฑ์ระดับ {level}" for level in LEVELS),
    )  # fmt: skip
    duplicate_field = "number"
    validate_constraints = False  # weight > 0 and one row per (year, agency, number) are checked here
    FINAL_STATUSES = (IndicatorStatus.APPROVED, IndicatorStatus.REPLACED)

    agency = fields.Field("agency", "รหัสหน่วยงาน", widget=agency_widget())
    number = fields.Field("number", "ที่", widget=ThaiIntegerWidget())
    element = fields.Field("element", "รหัสองค์ประกอบ")
    code = fields.Field("code", "รหัสตัวชี้วัด")
    name = fields.Field("name", "ชื่อตัวชี้วัด")
    result_type = fields.Field(
        "result_type", "ระดับตัวชี้วัด", widget=ChoiceLabelWidget(ResultType.choices, blank_default=ResultType.OUTCOME)
    )
    indicator_type = fields.Field("indicator_type", "ประเภทตัวชี้วัด")
    status = fields.Field(
        "status", "สถานะ", widget=ChoiceLabelWidget(IndicatorStatus.choices, blank_default=IndicatorStatus.DRAFT)
    )
    target_text = fields.Field("target_text", "เป้าหมาย")
    target_value = fields.Field("target_value", "ค่าเป้าหมาย", widget=ThaiDecimalWidget())
    target_unit = fields.Field("target_unit", "หน่วยนับ")
    # Optional: files written before this column import with the target's unit for the measured value.
    value_unit = fields.Field("value_unit", "หน่วยของค่าที่วัดได้")
    weight = fields.Field("weight", "น้ำหนักคะแนน", widget=ThaiDecimalWidget())
    definition = fields.Field("definition", "นิยาม")
    calculation_method = fields.Field("calculation_method", "วิธีคำนวณ")
    data_collection = fields.Field("data_collection", "วิธีเก็บข้อมูล/หลักฐาน")
    data_sources = fields.Field("data_sources", "แหล่งข้อมูล")
    policy_code = fields.Field("policy_code", "รหัสนโยบาย")
    policy_text = fields.Field("policy_text", "นโยบายผู้ว่าราชการกรุงเทพมหานคร")
    outputs = fields.Field("outputs", "ผลผลิต")
    outcomes = fields.Field("outcomes", "ผลลัพธ์")
    rubric_kind = fields.Field(
        "rubric_kind", "ลักษณะเกณฑ์", widget=ChoiceLabelWidget(RubricKind.choices, blank_default=RubricKind.MILESTONE)
    )
    rubric_direction = fields.Field(
        "rubric_direction",
        "ทิศทางเกณฑ์",
        widget=ChoiceLabelWidget(RubricDirection.choices, blank_default=RubricDirection.HIGHER_IS_BETTER),
    )
    rubric_title = fields.Field("rubric_title", "หัวข้อเกณฑ์การให้คะแนน")
    responsible_person = fields.Field("responsible_person", "ผู้รับผิดชอบตัวชี้วัด")

    class Meta(YearFileOptions):
        model = Indicator
        fields = [
            "agency", "number", "element", "code", "name", "result_type", "indicator_type", "status",
            "target_text", "target_value", "target_unit", "value_unit", "weight", "definition",
            "calculation_method", "data_collection", "data_sources", "policy_code", "policy_text", "outputs", "outcomes",
            "rubric_kind", "rubric_direction", "rubric_title", "responsible_person",
        ]  # fmt: skip
        import_id_fields = ["agency", "number"]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._package_cache = None
        self._file_status: dict[int, str] = {}
        self.fields["element"].widget = CodeForeignKeyWidget(
            CompositionElement,
            "code",
            not_found=gettext_lazy("ไม่พบองค์ประกอบ “%(value)s” ในปีงบประมาณนี้"),
            queryset=lambda: CompositionElement.objects.filter(fiscal_year=self.fiscal_year),
        )
        for level in LEVELS:
            self._add_column(f"เกณฑ์ระดับ {level}", lambda obj, lv=level: self._rubric(obj, lv, "criterion"))
            self._add_column(f"ค่าเกณฑ์ระดับ {level}", lambda obj, lv=level: self._rubric(obj, lv, "threshold"))
            self._add_column(EXCLUSIVE_COLUMN.format(level=level), lambda obj, lv=level: self._exclusive(obj, lv))
            self._add_column(
                f"ร้อยละความสำเร็จระดับ {level}", lambda obj, lv=level: self._rubric(obj, lv, "success_percent")
            )
        for slot in BASELINE_SLOTS:
            self._add_column(f"ข้อมูลพื้นฐาน {slot} (ปี พ.ศ.)", lambda obj, s=slot: self._baseline(obj, s, "year_be"))
            self._add_column(f"ข้อมูลพื้นฐาน {slot} (ผล)", lambda obj, s=slot: self._baseline(obj, s, "value_text"))

    example_row_values = {
        "รหัสหน่วยงาน": "1001", "ที่": "๑", "รหัสองค์ประกอบ": "1.1", "ชื่อตัวชี้วัด": "ร้อยละความสำเร็จของการจัดเก็บภาษี",
        "ระดับตัวชี้วัด": "ผลลัพธ์", "สถานะ": "ร่าง", "เป้าหมาย": "ร้อยละ ๙๕", "ค่าเป้าหมาย": "ร้อยละ ๙๕",
        "หน่วยนับ": "ร้อยละ", "น้ำหนักคะแนน": "๑๐", "ลักษณะเกณฑ์": "ค่าตัวเลข", "ทิศทางเกณฑ์": "ยิ่งมากยิ่งดี",
        "เกณฑ์ระดับ 5": "ร้อยละ ๙๕ ขึ้นไป", "ค่าเกณฑ์ระดับ 5": "๙๕", "เกณฑ์ระดับ 4": "ร้อยละ ๙๐", "ค่าเกณฑ์ระดับ 4": "๙๐",
        "เกณฑ์ระดับ 3": "ร้อยละ ๘๕", "ค่าเกณฑ์ระดับ 3": "๘๕", "เกณฑ์ระดับ 2": "ร้อยละ ๘๐", "ค่าเกณฑ์ระดับ 2": "๘๐",
        "เกณฑ์ระดับ 1": "ต่ำกว่าร้อยละ ๘๐", "ข้อมูลพื้นฐาน 1 (ปี พ.ศ.)": "๒๕๖๕", "ข้อมูลพื้นฐาน 1 (ผล)": "ร้อยละ ๙๒",
        "ข้อมูลพื้นฐาน 2 (ปี พ.ศ.)": "๒๕๖๖", "ข้อมูลพื้นฐาน 2 (ผล)": "1,390 ห้อง",
    }  # fmt: skip

    def _add_column(self, column, dehydrate):
        self.fields[column] = fields.Field(attribute=None, column_name=column, dehydrate_method=dehydrate)

    # --- export ----------------------------------------------------------------------------------
    @staticmethod
    def _level(indicator, level):
        return next((r for r in indicator.rubric_levels.all() if r.level == level), None)

    @classmethod
    def _rubric(cls, indicator, level, attr):
        row = cls._level(indicator, level)
        value = getattr(row, attr, None) if row else None
        return ThaiDecimalWidget().render(value) if isinstance(value, Decimal) else (value or "")

    @classmethod
    def _exclusive(cls, indicator, level):
        """ใช่/ไม่ใช่ beside a threshold; blank for a level without one."""
        row = cls._level(indicator, level)
        return ThaiBooleanWidget().render(row.threshold_exclusive) if row and row.threshold is not None else ""

    @staticmethod
    def _baseline(indicator, slot, attr):
        rows = sorted(indicator.baselines.all(), key=lambda b: b.year_be)
        return getattr(rows[slot - 1], attr) if len(rows) >= slot else ""

    def get_queryset(self):
        return Indicator.objects.filter(fiscal_year=self.fiscal_year)

    def row_label(self, instance) -> str:
        return f"{instance.agency.code} ที่ {instance.number} {instance.name}"

    def export_related(self, queryset):
        return queryset.select_related("agency", "element").prefetch_related("rubric_levels", "baselines")

    def export_queryset(self):
        return self.export_related(self.get_queryset()).order_by("agency__code", "number")

    def init_instance(self, row=None):
        return Indicator(fiscal_year=self.fiscal_year)

    def row_key(self, row):
        agency = to_arabic_digits(cell_text(row.get("รหัสหน่วยงาน")))
        number = to_arabic_digits(cell_text(row.get("ที่")))
        return (agency, number) if agency and number else None

    # --- import: rubric and baselines -------------------------------------------------------------
    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        instance._rubric = self._read_rubric(instance, row, errors)
        instance._baselines = self._read_baselines(row, errors)
        if errors:
            raise ValidationError(errors)

    def _read_rubric(self, instance, row, errors) -> dict[int, dict]:
        rubric = {}
        for level in LEVELS:
            criterion = cell_text(row.get(f"เกณฑ์ระดับ {level}"))
            if not criterion:
                errors.setdefault(f"เกณฑ์ระดับ {level}", []).append(
                    gettext("ต้องระบุเกณฑ์ของระดับ %(level)s (ครบทั้ง ๕ ระดับ)") % {"level": level}
                )
            threshold = self._number(row, f"ค่าเกณฑ์ระดับ {level}", errors, fits=(RubricLevel, "threshold"))
            exclusive_column = EXCLUSIVE_COLUMN.format(level=level)
            try:
                exclusive = ThaiBooleanWidget().clean(row.get(exclusive_column))
            except ValueError as exc:
                errors.setdefault(exclusive_column, []).append(str(exc))
                exclusive = False
            success_column = f"ร้อยละความสำเร็จระดับ {level}"
            success = self._number(row, success_column, errors)
            if success is None:
                success = Decimal(level * 20)
            elif not 0 <= success <= 100:
                errors.setdefault(success_column, []).append(gettext("ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"))
            else:
                _check_fits(RubricLevel, "success_percent", success, success_column, errors)
            rubric[level] = {
                "criterion": criterion, "threshold": threshold, "threshold_exclusive": exclusive, "success_percent": success
            }
        if instance.rubric_kind == RubricKind.NUMERIC:
            self._check_thresholds(instance, rubric, errors)
        return rubric

    @staticmethod
    def _check_thresholds(instance, rubric, errors):
        higher = instance.rubric_direction == RubricDirection.HIGHER_IS_BETTER
        for level in (5, 4, 3, 2):
            if rubric[level]["threshold"] is None:
                errors.setdefault(f"ค่าเกณฑ์ระดับ {level}", []).append(
                    gettext("เกณฑ์แบบตัวเลขต้องมีค่าเกณฑ์ระดับ %(level)s") % {"level": level}
                )
        for upper, lower in ((5, 4), (4, 3), (3, 2), (2, 1)):
            a, b = rubric[upper]["threshold"], rubric[lower]["threshold"]
            if a is None or b is None:
                continue
            if (higher and b >= a) or (not higher and b <= a):
                message = (
                    gettext("ค่าเกณฑ์ระดับ %(lower)s ต้องน้อยกว่าระดับ %(upper)s (%(direction)s)")
                    if higher
                    else gettext("ค่าเกณฑ์ระดับ %(lower)s ต้องมากกว่าระดับ %(upper)s (%(direction)s)")
                )
                errors.setdefault(f"ค่าเกณฑ์ระดับ {lower}", []).append(
                    message % {"lower": lower, "upper": upper, "direction": instance.get_rubric_direction_display()}
                )

    def _read_baselines(self, row, errors) -> dict[int, str]:
        baselines = {}
        for slot in BASELINE_SLOTS:
            year_column, value_column = f"ข้อมูลพื้นฐาน {slot} (ปี พ.ศ.)", f"ข้อมูลพื้นฐาน {slot} (ผล)"
            try:
                year = BEYearWidget().clean(row.get(year_column))
            except ValueError as exc:
                errors.setdefault(year_column, []).append(str(exc))
                continue
            value = cell_text(row.get(value_column))
            if year is None:
                if value:
                    errors.setdefault(year_column, []).append(gettext("ต้องระบุปี พ.ศ. ของข้อมูลพื้นฐาน"))
                continue
            if year in baselines:
                errors.setdefault(year_column, []).append(gettext("ปี %(year)s ซ้ำกัน") % {"year": year})
            number = _number_or_none(value)
            if number is not None:
                _check_fits(IndicatorBaseline, "value_number", number, value_column, errors)
            baselines[year] = value
        return baselines

    @staticmethod
    def _number(row, column, errors, fits=None):
        """The cell's number; `fits` (model, field) also checks it against that field's digits."""
        value = row.get(column)
        if value is None or cell_text(value) == "":
            return None
        try:
            number = parse_number(value)
        except ValueError as exc:
            errors.setdefault(column, []).append(str(exc))
            return None
        if fits:  # one that does not fit is refused here, and kept for the other checks of the row
            _check_fits(*fits, number, column, errors)
        return number

    def extra_changes(self, instance) -> list[str]:
        changed = []
        current = {r.level: r for r in instance.rubric_levels.all()}
        for level, wanted in instance._rubric.items():
            row = current.get(level)
            if row is None or any(comparable(getattr(row, key)) != comparable(value) for key, value in wanted.items()):
                changed.append(f"เกณฑ์ระดับ {level}")
        saved = {b.year_be: comparable(b.value_text) for b in instance.baselines.all()}
        if saved != {year: comparable(text) for year, text in instance._baselines.items()}:
            changed.append("ข้อมูลพื้นฐาน")
        return changed

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        before = instance._import_before
        if not instance._import_new and before.get("status") != instance.status:
            errors.setdefault("status", []).append(gettext("เปลี่ยนสถานะผ่านการนำเข้าไม่ได้ (ใช้ขั้นตอนการเจรจาตกลง)"))
        elif not instance._import_new and before.get("status") in self.FINAL_STATUSES:
            errors.setdefault("__all__", []).append(
                gettext("ตัวชี้วัดที่อนุมัติแล้ว (ถือเป็นข้อยุติ) แก้ไขผ่านการนำเข้าไม่ได้")
            )
        elif instance.agency_id:
            self._check_package(instance, errors)
        if "weight" not in errors and instance.weight is not None and instance.weight <= 0:
            errors["weight"] = [str(WEIGHT_ABOVE_ZERO)]
        super().validate_instance(instance, errors, validate_unique)

    def _check_package(self, instance, errors):
        """Indicators follow their agency's package (negotiation): a locked package is not changed by import,
        and one agency's indicators share the package's status."""
        package = self._packages().get(instance.agency_id)
        if package is not None and package.status not in EDITABLE_PACKAGE_STATES and not (
            instance._import_new and instance.status == package.status
        ):
            errors.setdefault("__all__", []).append(
                gettext("ชุดตัวชี้วัดของหน่วยงานอยู่ในสถานะ “%(status)s” เพิ่มหรือแก้ไขตัวชี้วัดผ่านการนำเข้าไม่ได้")
                % {"status": package.get_status_display()}
            )
            return
        if not instance._import_new or instance.status == IndicatorStatus.REPLACED:
            return
        expected = package.status if package is not None else self._file_status.setdefault(instance.agency_id, instance.status)
        if instance.status != expected:
            errors.setdefault("status", []).append(
                gettext("ตัวชี้วัดของหน่วยงานเดียวกันต้องมีสถานะเดียวกับชุดตัวชี้วัด (“%(status)s”)")
                % {"status": IndicatorStatus(expected).label}
            )

    def _packages(self) -> dict:
        if self._package_cache is None:
            self._package_cache = {p.agency_id: p for p in AgencyPackage.objects.filter(fiscal_year=self.fiscal_year)}
        return self._package_cache

    def after_import(self, dataset, result, **kwargs):
        """Open the package of each agency loaded for the first time, in the state its indicators are in."""
        super().after_import(dataset, result, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            return
        for agency_id, status in self._file_status.items():
            if agency_id not in self._packages():
                package = AgencyPackage(fiscal_year=self.fiscal_year, agency_id=agency_id, status=status)
                package.full_clean()
                package.save()

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        # The indicator as saved, for its history if it has none yet (indicators.history).
        instance._import_saved = None if new else copy.copy(instance)

    def before_save_instance(self, instance, row, **kwargs):
        if instance._import_saved is not None:
            record_first_versions([instance._import_saved])
        super().before_save_instance(instance, row, **kwargs)

    def after_save_instance(self, instance, row, **kwargs):
        # The rubric and baselines are saved like the indicator form saves them (services.table_rows): rows
        # updated in place by level and year, only changed rows written. Level range, success % and one row
        # per level/year are checked above while reading the row, and the database enforces the constraints
        # again; skipping Django's per-constraint queries keeps a year's import (hundreds of rows) fast.
        sync_rows(
            queryset=RubricLevel.objects.filter(indicator=instance) if not instance._import_new else [],
            make=lambda values: RubricLevel(indicator=instance, **values),
            wanted=[{"level": level, **wanted} for level, wanted in instance._rubric.items()],
            keys=(field_key("level"),),
            clean=_light_clean,
        )
        sync_rows(
            queryset=IndicatorBaseline.objects.filter(indicator=instance) if not instance._import_new else [],
            make=lambda values: IndicatorBaseline(indicator=instance, **values),
            wanted=[
                {"year_be": year, "value_text": text, "value_number": _number_or_none(text)}
                for year, text in instance._baselines.items()
            ],
            keys=(field_key("year_be"),),
            clean=_light_clean,
        )


def _check_fits(model, field: str, value, column: str, errors: dict) -> bool:
    """Whether `value` fits the rubric or baseline field it is for, else its refusal under the file's column
    (those rows are cleaned only when saved, where an error would name the model's field)."""
    try:
        model._meta.get_field(field).run_validators(value)
    except ValidationError as exc:
        errors.setdefault(column, []).extend(exc.messages)
        return False
    return True


def _light_clean(row) -> None:
    row.full_clean(exclude=["indicator"], validate_unique=False, validate_constraints=False)


def _number_or_none(text):
    try:
        return parse_number(text)
    except ValueError:
        return None
