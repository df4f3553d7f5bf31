from django.urls import path

from amparo.cases import panels, schedule_views, views, views_intake

app_name = "cases"
urlpatterns = [
    path("", views.case_list_page, name="list"),
    path("new/", views_intake.intake_page, name="intake"),
    path("data-doubts/", views.data_doubts_page, name="data-doubts"),
    path("facility-picker/", views_intake.facility_picker, name="facility-picker"),
    path("<uuid:case_id>/", views.case_detail_page, name="detail"),
    path("<uuid:case_id>/timeline/", views.case_timeline_older, name="timeline"),
    path("<uuid:case_id>/edit/", views.case_edit_page, name="edit"),
    path("<uuid:case_id>/client/", views.client_edit_page, name="client"),
    # Panels of the case page, each loaded with hx-get and written with a POST to itself.
    path("<uuid:case_id>/team/", panels.team_panel, name="team"),
    path("<uuid:case_id>/notes/", panels.notes_panel, name="notes"),
    path("<uuid:case_id>/notes/<uuid:note_id>/edit/", panels.note_edit_view, name="note-edit"),
    path("<uuid:case_id>/people/", panels.people_panel, name="people"),
    path("<uuid:case_id>/locator/", panels.locator_panel, name="locator"),
    path("<uuid:case_id>/hearings/", schedule_views.hearings_panel, name="hearings"),
    path(
        "<uuid:case_id>/hearings/<uuid:hearing_id>/edit/",
        schedule_views.hearing_edit_view,
        name="hearing-edit",
    ),
    path("<uuid:case_id>/deadlines/", schedule_views.deadlines_panel, name="deadlines"),
    path(
        "deadlines/<uuid:deadline_id>/assign/",
        schedule_views.deadline_assign_view,
        name="deadline-assign",
    ),
]
