"""The wire archive: find the wire stories an article draws on, then compare it with them (docs/archive.md)."""
from .archive import Archive, CheckResult, Story, choose_sources, default_archive_path
from .find import Shared, Source
from .ingest import AddReport
from .store import ArchiveError

__all__ = ["Archive", "AddReport", "ArchiveError", "CheckResult", "Shared", "Source", "Story",
           "choose_sources", "default_archive_path"]
