"""Field validators that say the models' check constraints in Thai beside the field at fault: the constraint
alone refuses with Django's English "Constraint … is violated." over the whole form (admin, API)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from kpi_portal.validators import PERCENT_RANGE

WEIGHT_ABOVE_ZERO = _("น้ำหนักคะแนนต้องมากกว่า ๐")


def positive_weight() -> list:
    """A weight of two decimal places above 0 (the *_weight_positive constraints)."""
    return [MinValueValidator(Decimal("0.01"), message=WEIGHT_ABOVE_ZERO)]


def percent_0_100() -> list:
    return [MinValueValidator(0, message=PERCENT_RANGE), MaxValueValidator(100, message=PERCENT_RANGE)]


def step_weight() -> list:
    """A plan step's share of its project: above 0 and at most 100 (project_step_weight_0_100)."""
    message = _("น้ำหนักของขั้นตอนต้องมากกว่า 0 และไม่เกินร้อยละ 100")
    return [MinValueValidator(Decimal("0.01"), message=message), MaxValueValidator(100, message=message)]


def non_negative_budget() -> list:
    return [MinValueValidator(0, message=_("งบประมาณต้องไม่ติดลบ"))]
