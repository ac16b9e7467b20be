"""The demo site gets a SAKIP results page and a published report page fed by published demo reports."""

import io

import pytest
from django.core.management.color import no_style

from home.result_pages import PublishedReportPage, SakipResultsPage

pytestmark = pytest.mark.django_db


def test_demo_result_pages(client):
    from forms_builder import demo as forms_demo
    from home import demo as home_demo
    from organizations import demo as org_demo

    org_demo.load(stdout=io.StringIO(), style=no_style())
    forms_demo.load(stdout=io.StringIO(), style=no_style())  # publishes LKE SAKIP and some SPM reports
    for _ in range(2):
        home_demo.load(stdout=io.StringIO(), style=no_style())

    sakip = SakipResultsPage.objects.get()
    assert sakip.live
    assert sakip.form.key == "lke_sakip"
    html = client.get(sakip.url).content.decode()
    table = html[html.index('id="sakip-table"') : html.index("</table>", html.index('id="sakip-table"'))]
    assert table.count("<tr>") == 1 + 5  # header + the five demo OPDs
    assert "Dinas Kesehatan" in table
    assert html.count('<svg class="chart') == 3
    assert "Rata-rata OPD" in html  # the demo's Setda files no LKE: the Pemda row is the OPDs' mean

    report = PublishedReportPage.objects.get()
    assert report.live
    assert report.form.key == "spm"
    r = client.get(report.url)
    assert r.status_code == 200
    assert 'id="report-table"' in r.content.decode()
    assert client.get(report.url + "data/tabel/csv/").status_code == 200
