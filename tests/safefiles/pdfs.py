"""Real PDFs built in the test with pikepdf: one carrying everything a sanitiser must remove."""

import io

import pikepdf

SECRET_MARKS = ("Siti Pelapor", "app.alert", "rahasia-lampiran", "xmp-penulis")


def plain_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def loaded_pdf() -> bytes:
    """JavaScript (OpenAction, names tree, page AA, a link annotation), /Author, XMP, an embedded file."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    js = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')")))
    pdf.Root.OpenAction = js
    pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a"), js])))
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["xmp-penulis"]
    pdf.docinfo["/Author"] = "Siti Pelapor"
    pdf.docinfo["/Title"] = "rahasia-lampiran"
    pdf.attachments["catatan.txt"] = pikepdf.AttachedFileSpec(pdf, b"rahasia-lampiran isi", filename="catatan.txt")
    page = pdf.pages[0]
    page.obj.AA = pikepdf.Dictionary(O=js)
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=pikepdf.Array([0, 0, 50, 50]),
        A=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('y')")),
    )
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(link)]))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def encrypted_pdf(password: str = "") -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="pemilik", user=password))
    return out.getvalue()


def assert_clean(data: bytes) -> None:
    """Nothing of ``loaded_pdf``'s extras is left, by structure and by bytes."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not pdf.is_encrypted
        for key in ("/OpenAction", "/Names", "/Metadata", "/AA"):
            assert key not in pdf.Root, key
        assert "/Info" not in pdf.trailer or not dict(pdf.docinfo)
        assert not pdf.attachments
        for page in pdf.pages:
            assert "/AA" not in page.obj
            for annot in page.obj.get("/Annots", []):
                assert "/A" not in annot or annot.A.get("/S") == "/URI"
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary):
                assert obj.get("/S") != "/JavaScript"
                assert "/JS" not in obj
    raw = data.decode("latin-1")
    for mark in (*SECRET_MARKS, "/JavaScript", "/EmbeddedFile"):
        assert mark not in raw, mark
