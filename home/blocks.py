"""StreamField blocks shared by the public pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("judul"), max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2", label=_("tingkat"))

    class Meta:
        icon = "title"
        template = "home/blocks/heading_block.html"
        label = _("Judul")
        preview_value = {"text": "Laporan Kinerja", "level": "h2"}


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        icon="pilcrow",
        label=_("Paragraf"),
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"],
    )
    image = ImageBlock(label=_("Gambar"))
    quote = blocks.BlockQuoteBlock(label=_("Kutipan"))
