"""What a visitor may choose on the public results pages."""


def visitor_year(value: str | None) -> int | None:
    """The visitor's ``?tahun=``: a whole year 2000–2100, else nothing (the page's default is shown)."""
    if value and value.isdigit() and len(value) == 4 and 2000 <= int(value) <= 2100:
        return int(value)
    return None
