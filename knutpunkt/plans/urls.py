"""URLs of coordinated plans, mounted at /sip/. Each block belongs to one views module."""

from django.urls import path

from knutpunkt.plans.views import content, followup, person_copy, statistics, workflow, worklists

app_name = "plans"

# --- workflow: list, request, plan page, preparation, invitations, meetings (views/workflow.py) ---
workflow_urls = [
    path("", workflow.plan_list, name="list"),
    path("ny/<uuid:person_uuid>/", workflow.plan_request, name="request"),
    path("inbjudningar/", workflow.invitations_inbox, name="invitations_inbox"),
    path("inbjudan/<uuid:invitation_uuid>/", workflow.invitation_answer, name="invitation_answer"),
    path("<uuid:plan_uuid>/", workflow.plan_detail, name="detail"),
    path("<uuid:plan_uuid>/forberedelse/", workflow.prepare, name="prepare"),
    path("<uuid:plan_uuid>/deltagare/ny/", workflow.participant_add, name="participant_add"),
    path(
        "<uuid:plan_uuid>/deltagare/<uuid:participant_uuid>/andra/",
        workflow.participant_edit,
        name="participant_edit",
    ),
    path(
        "<uuid:plan_uuid>/deltagare/<uuid:participant_uuid>/ta-bort/",
        workflow.participant_remove,
        name="participant_remove",
    ),
    path("<uuid:plan_uuid>/inbjudningar/ny/", workflow.invitation_add, name="invitation_add"),
    path("<uuid:plan_uuid>/inbjudningar/skicka/", workflow.invitations_send, name="invitations_send"),
    path(
        "<uuid:plan_uuid>/inbjudningar/<uuid:invitation_uuid>/aterta/",
        workflow.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("<uuid:plan_uuid>/moten/nytt/", workflow.meeting_book, name="meeting_book"),
    path("<uuid:plan_uuid>/moten/<uuid:meeting_uuid>/andra/", workflow.meeting_edit, name="meeting_edit"),
    path("<uuid:plan_uuid>/moten/<uuid:meeting_uuid>/stall-in/", workflow.meeting_cancel, name="meeting_cancel"),
    path("<uuid:plan_uuid>/moten/<uuid:meeting_uuid>/registrera/", workflow.meeting_record, name="meeting_record"),
    path("<uuid:plan_uuid>/moten/<uuid:meeting_uuid>/kalender.ics", workflow.meeting_ics_download, name="meeting_ics"),
]

# --- content: the plan's contents, establishment, versions (views/content.py) ---
content_urls = [
    path("<uuid:plan_uuid>/plan/", content.content_page, name="content"),
    path("<uuid:plan_uuid>/plan/personens-del/", content.content_text, name="content_text"),
    path("<uuid:plan_uuid>/plan/ansvar/", content.content_responsibility, name="content_responsibility"),
    path("<uuid:plan_uuid>/plan/ny-rad/", content.item_add, name="item_add"),
    path("<uuid:plan_uuid>/plan/rad/<uuid:item_uuid>/", content.item_edit, name="item_edit"),
    path("<uuid:plan_uuid>/plan/rad/<uuid:item_uuid>/ta-bort/", content.item_remove, name="item_remove"),
    path(
        "<uuid:plan_uuid>/atagande/<uuid:commitment_uuid>/status/",
        content.commitment_status,
        name="commitment_status",
    ),
    path("<uuid:plan_uuid>/faststall/", content.establish, name="establish"),
    path("<uuid:plan_uuid>/versioner/", content.versions, name="versions"),
    path("<uuid:plan_uuid>/versioner/jamfor/", content.version_compare, name="version_compare"),
    path("<uuid:plan_uuid>/versioner/<uuid:version_uuid>/", content.version_detail, name="version"),
]

# --- follow-up and closure (views/followup.py) ---
followup_urls = [
    path("<uuid:plan_uuid>/uppfoljning/", followup.followup, name="followup"),
    path("<uuid:plan_uuid>/avsluta/", followup.close, name="close"),
]

# --- the person's copy (views/person_copy.py) ---
person_copy_urls = [
    path("<uuid:plan_uuid>/din-plan/", person_copy.person_copy, name="person_copy"),
    path("<uuid:plan_uuid>/din-plan/pdf/", person_copy.person_copy_pdf, name="person_copy_pdf"),
]

# --- work lists and reminders (views/worklists.py) ---
worklist_urls = [
    path("mitt-arbete/", worklists.my_work, name="my_work"),
    path("var-enhet/", worklists.unit_work, name="unit_work"),
    path("paminnelser/<uuid:reminder_uuid>/avfarda/", worklists.reminder_dismiss, name="reminder_dismiss"),
]

# --- statistics for managers (views/statistics.py) ---
statistics_urls = [
    path("statistik/", statistics.statistics_page, name="statistics"),
    path("statistik/sip-statistik.csv", statistics.statistics_csv, name="statistics_csv"),
]

urlpatterns = [
    *workflow_urls,
    *content_urls,
    *followup_urls,
    *person_copy_urls,
    *worklist_urls,
    *statistics_urls,
]
