"""Demo step for ``load_demo``: seal what the demo wrote and print the chain head."""

from .chain import chain_head


def load(*, stdout=None, style=None) -> None:
    head = chain_head()
    if stdout is not None:
        stdout.write(f"Jejak audit: {head.seq} peristiwa dalam rantai, kepala {head.hash[:16]}…")
