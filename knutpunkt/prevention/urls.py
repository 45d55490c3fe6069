"""URLs of prevention work, mounted at /forebyggande/. Each block belongs to one views module."""

from django.urls import path

from knutpunkt.prevention.views import committee_report, contents, costs, followups, overview, plans, reports

app_name = "prevention"

PLAN = "planer/<uuid:plan_uuid>"
MEASURE = f"{PLAN}/atgarder/<uuid:measure_uuid>"

# --- the start page (views/overview.py) ---
overview_urls = [
    path("", overview.start, name="start"),
]

# --- situation reports under Lag 2023:196 (views/reports.py) ---
report_urls = [
    path("lagesbilder/ny/", reports.report_create, name="report_create"),
    path("lagesbilder/<uuid:report_uuid>/", reports.report_detail, name="report"),
    path("lagesbilder/<uuid:report_uuid>/andra/", reports.report_edit, name="report_edit"),
    path("lagesbilder/<uuid:report_uuid>/klar/", reports.report_done, name="report_done"),
    path("lagesbilder/<uuid:report_uuid>/atgardsplan/", reports.plan_from_report, name="plan_from_report"),
]

# --- the plan, its decision and versions (views/plans.py) ---
plan_urls = [
    path("planer/ny/", plans.plan_create, name="plan_create"),
    path(f"{PLAN}/", plans.plan_detail, name="plan"),
    path(f"{PLAN}/andra/", plans.plan_edit, name="plan_edit"),
    path(f"{PLAN}/besluta/", plans.decide, name="decide"),
    path(f"{PLAN}/versioner/jamfor/", plans.version_compare, name="version_compare"),
    path(f"{PLAN}/versioner/<uuid:version_uuid>/", plans.version_detail, name="version"),
]

# --- goals, measures and their key figures (views/contents.py) ---
content_urls = [
    path(f"{PLAN}/mal/nytt/", contents.goal_add, name="goal_add"),
    path(f"{PLAN}/mal/<uuid:goal_uuid>/", contents.goal_edit, name="goal_edit"),
    path(f"{PLAN}/mal/<uuid:goal_uuid>/ta-bort/", contents.goal_remove, name="goal_remove"),
    path(f"{PLAN}/atgarder/ny/", contents.measure_add, name="measure_add"),
    path(f"{MEASURE}/", contents.measure_edit, name="measure_edit"),
    path(f"{MEASURE}/ta-bort/", contents.measure_remove, name="measure_remove"),
    path(f"{MEASURE}/nyckeltal/nytt/", contents.link_add, name="link_add"),
    path(f"{MEASURE}/nyckeltal/<uuid:link_uuid>/", contents.link_edit, name="link_edit"),
    path(f"{MEASURE}/nyckeltal/<uuid:link_uuid>/ta-bort/", contents.link_remove, name="link_remove"),
]

# --- follow-ups (views/followups.py) ---
followup_urls = [
    path(f"{PLAN}/uppfoljning/", followups.plan_followup, name="plan_followup"),
    path(f"{MEASURE}/uppfoljning/", followups.measure_followup, name="measure_followup"),
]

# --- the cost-of-exclusion calculator (views/costs.py) ---
cost_urls = [
    path(f"{MEASURE}/kalkyl/", costs.calculator, name="costs"),
]

# --- the report to the committee, as a page and as a PDF (views/committee_report.py) ---
committee_report_urls = [
    path(f"{PLAN}/rapport/", committee_report.report_page, name="committee_report"),
    path(f"{PLAN}/rapport/pdf/", committee_report.report_pdf, name="committee_report_pdf"),
]

urlpatterns = [
    *overview_urls,
    *report_urls,
    *plan_urls,
    *content_urls,
    *followup_urls,
    *cost_urls,
    *committee_report_urls,
]
