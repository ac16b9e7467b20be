"""Open311 XML rendering (GeoReport v2 element names)."""

from xml.etree.ElementTree import Element, SubElement, tostring

#: list root element -> item element
ITEMS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "keywords": "keyword",
}


def _fill(parent: Element, value) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _fill(SubElement(parent, k), v)
    elif isinstance(value, list):
        item_tag = ITEMS.get(parent.tag, "item")
        for v in value:
            _fill(SubElement(parent, item_tag), v)
    elif value is None:
        return
    elif isinstance(value, bool):
        parent.text = "true" if value else "false"
    else:
        parent.text = str(value)


def render(root: str, value) -> bytes:
    element = Element(root)
    _fill(element, value)
    return b'<?xml version="1.0" encoding="utf-8"?>' + tostring(element, encoding="unicode").encode()
