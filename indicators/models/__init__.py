"""Domain model of the performance-agreement cycle, split by stage of the year.

Rows that belong to an indicator, report, audit, project or package order by the parent's
column (`indicator_id`), not the relation: ordering by "indicator" makes Django sort by the
indicator's own ordering, which joins fiscal year and agency into every read of, say, a
rubric. Lists that span several parents (admin, exports, API) name their order themselves.
"""

from .framework import (  # noqa: F401
    BelowLevelOneRule,
    CompositionElement,
    ElementAppliesTo,
    FiscalYear,
    FocusIssue,
    BasketIndicator,
    NegotiationStage,
    ReportingQuarter,
    Strategy,
)
from .indicator import (  # noqa: F401
    EvidenceRequirement,
    Indicator,
    IndicatorBaseline,
    IndicatorStatus,
    JointParticipant,
    MilestoneCondition,
    ResultType,
    RubricDirection,
    RubricKind,
    RubricLevel,
)
from .planning import Project, ProjectStep  # noqa: F401
from .negotiation import (  # noqa: F401
    AgencyPackage,
    CommitteeDecision,
    IndicatorComment,
    Meeting,
    PackageStatus,
)
from .reporting import (  # noqa: F401
    AuditChecklistItem,
    AuditStatus,
    EvidenceFile,
    QuarterAudit,
    QuarterlyReport,
    ReportConflict,
    ReportStatus,
)
from .documents import DocumentJob, DocumentJobKind, DocumentJobStatus  # noqa: F401
from .imports import ImportJob, ImportJobStatus  # noqa: F401
