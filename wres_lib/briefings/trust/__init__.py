"""The trust briefing: every figure, sentence, table and chart input, for one trust and year.

:func:`build` computes; the notebook only calls the methods of :class:`TrustBriefing`, each of
which returns a piece to display. :mod:`.facts` queries the trust's figures, last year's, its
peers and its lineage; each section (headline, key figures, changes, indicator table, survey,
bands, board, Model Employer, trends, funnel, data quality) is a module of its own.
"""

from wres_lib.briefings.trust.briefing import TrustBriefing, build

__all__ = ["TrustBriefing", "build"]
