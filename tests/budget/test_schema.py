"""The budget REST endpoints are documented (description, response codes) without generator warnings."""

from django.urls import include, path

from api.rest import budget


def test_budget_endpoints_generate_without_warnings(capsys):
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    patterns = [path("api/v1/", include(budget.urlpatterns))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    captured = capsys.readouterr()
    assert not GENERATOR_STATS, captured.err
    assert "Warning" not in captured.err, captured.err
    paths = schema["paths"]
    assert set(paths) == {
        "/api/v1/budget/dashboard/",
        "/api/v1/budget/absorption/",
        "/api/v1/budget/contracts/",
        "/api/v1/budget/contracts/{id}/",
        "/api/v1/budget/slow-parties/",
        "/api/v1/budget/ocds/",
    }
    for name, item in paths.items():
        operation = item["get"]
        assert operation.get("description"), name
        assert {"200", "404"} <= set(operation["responses"]), name
