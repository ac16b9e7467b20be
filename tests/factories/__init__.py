"""Test factories, one module per app; import them from here (``from tests.factories import …``)."""

from .budget import *  # noqa: F403
from .complaints import *  # noqa: F403
from .forms import *  # noqa: F403
from .home import *  # noqa: F403
from .organizations import *  # noqa: F403
from .planning import *  # noqa: F403
from .reports import *  # noqa: F403
from .wbs import *  # noqa: F403
