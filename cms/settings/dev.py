"""Local development: debug on, mail to the console, GraphiQL available."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])
SEPAKAT_SHOW_DEMO_PASSWORDS = True

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
