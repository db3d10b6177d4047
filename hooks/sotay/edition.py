"""The edition date a build prints ("bản ngày …"): from the build's settings or the data,
never from the clock, so the same data and settings give the same pages."""

from __future__ import annotations

import datetime

from .link import Graph
from .model import PartialDate
from .schema import TYPES_BY_NAME


def edition_date(graph: Graph, source_date_epoch: str | None = None) -> PartialDate:
    """``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds setting) as a day,
    when given; otherwise the latest date among the records (a year or month alone counting
    as its start); 1970 for data without a date."""
    if source_date_epoch and source_date_epoch.strip().isdigit():
        day = datetime.datetime.fromtimestamp(int(source_date_epoch), datetime.UTC).date()
        return PartialDate(day.year, day.month, day.day)
    dates = [value for record in graph.records.values()
             if (name := TYPES_BY_NAME[record.type].year_field)
             and isinstance(value := record.values.get(name), PartialDate)]
    if not dates:
        return PartialDate(1970, 1, 1)
    return max(dates, key=lambda d: (d.year, d.month or 0, d.day or 0))


def edition_label(date: PartialDate) -> str:
    """“bản ngày 13/8/2013”, or “bản tháng 8/2013”, “bản năm 2013” for a partial date."""
    return f"bản ngày {date.vietnamese()}" if date.day else f"bản {date.vietnamese()}"
