"""Settings of the web server that ``bench submission_load`` starts: development settings with
DEBUG off, the bench's URLs (the plain DRF create beside the real ones) and the rate limits lifted
(the load comes from one address). Not a benchmark (the leading underscore keeps it off the list)."""

from cms.settings.dev import *  # noqa: F403
from cms.settings.dev import REST_FRAMEWORK

DEBUG = False
ROOT_URLCONF = "bench.complaints_api"
COMPLAINT_SUBMIT_RATE = (10**9, 3600)
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": dict.fromkeys(REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}), "1000000/minute"),
}
