"""Event analysis of one news article: the article as data, a sourced event table, an actor graph."""

from analysis.tables.events import build_event_table, build_evidence_table, build_link_table, load_dataset
from analysis.text.records import AnnotationError

__all__ = ["AnnotationError", "build_event_table", "build_evidence_table", "build_link_table", "load_dataset"]
