"""REST door for forms: thin views over the domain's services and selectors."""

from rest_framework.routers import SimpleRouter

router = SimpleRouter()
urlpatterns: list = []
