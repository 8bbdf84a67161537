"""The PDF tests' สำนักงานการเจ้าหน้าที่ fixtures, for checking official forms stay Thai for an English reader."""

from tests.pdf.conftest import skj, skj_results, skj_staff  # noqa: F401 (fixtures)
