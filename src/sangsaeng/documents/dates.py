"""Date ranges in the official form used by printed documents: 2019. 2. 11. ~ 2. 28."""

import datetime as dt

from sangsaeng.lib import kdate


def official_range(
    start: dt.date, start_precision: str, end: dt.date | None, end_precision: str, open_ended: bool
) -> str:
    """2018. 11. 1. / 2018. 5. / 2019. 2. 11. ~ 2. 28. / 2018. 10. 2. ~ / 2018. 12. ~ 2019. 3."""
    text = kdate.official(start, start_precision)
    if end is not None:
        end_text = kdate.official(end, end_precision)
        if end.year == start.year and end_precision != "year":
            # Within one year the end drops its year, as officials write it.
            end_text = end_text.split(". ", 1)[1]
        return f"{text} ~ {end_text}"
    return f"{text} ~" if open_ended else text
