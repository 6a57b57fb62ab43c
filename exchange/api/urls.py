from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from . import (
    applications,
    library,
    meetings,
    money,  # grant and expenses (issue 13, money)
    partners,
    partnerships,
    people,
    public,
    reports,  # reports and the self-assessment (issue 13, reports)
    selection,
    visits,
)
from .problems import not_found

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    # Swagger UI sets a few inline styles: allowed on this page only; scripts stay strict.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    # Public
    path("calls/", public.CallList.as_view(), name="calls"),
    path("calls/<slug:slug>/", public.CallDetail.as_view(), name="call"),
    path("calls/<slug:slug>/form/", public.CallForm.as_view(), name="call-form"),
    path("taxonomy/", public.Taxonomy.as_view(), name="taxonomy"),
    path("organisations/", public.Directory.as_view(), name="organisations"),
    path(
        "organisations/<slug:slug>/",
        public.OrganisationDetail.as_view(),
        name="organisation",
    ),
    # Me
    path("me/", people.Me.as_view(), name="me"),
    path("me/organisations/", people.MyOrganisations.as_view(), name="my-organisations"),
    path(
        "me/notification-preferences/",
        people.Preferences.as_view(),
        name="notification-preferences",
    ),
    # My organisations
    path(
        "organisations/<slug:slug>/profile/",
        people.OrganisationProfile.as_view(),
        name="organisation-profile",
    ),
    path("organisations/<slug:slug>/members/", people.Members.as_view(), name="members"),
    path("organisations/<slug:slug>/members/<int:pk>/", people.Member.as_view(), name="member"),
    path(
        "organisations/<slug:slug>/invitations/",
        people.MemberInvitations.as_view(),
        name="member-invitations",
    ),
    path(
        "organisations/<slug:slug>/invitations/<int:pk>/",
        people.MemberInvitation.as_view(),
        name="member-invitation",
    ),
    # Finding a partner
    path(
        "organisations/<slug:slug>/recommendations/",
        partners.Recommendations.as_view(),
        name="recommendations",
    ),
    path(
        "organisations/<slug:slug>/recommendations/<slug:candidate>/",
        partners.Mark.as_view(),
        name="recommendation-mark",
    ),
    path("organisations/<slug:slug>/report/", partners.Report.as_view(), name="report"),
    path("contact-requests/", partners.ContactRequests.as_view(), name="contact-requests"),
    path(
        "contact-requests/<int:pk>/accept/",
        partners.ContactDecision.as_view(decision="accept"),
        name="contact-request-accept",
    ),
    path(
        "contact-requests/<int:pk>/decline/",
        partners.ContactDecision.as_view(decision="decline"),
        name="contact-request-decline",
    ),
    path("conversations/", partners.Conversations.as_view(), name="conversations"),
    path("conversations/<int:pk>/messages/", partners.Messages.as_view(), name="messages"),
    path("board/posts/", partners.Posts.as_view(), name="board-posts"),
    path("board/posts/<int:pk>/", partners.Post.as_view(), name="board-post"),
    path("board/posts/<int:pk>/replies/", partners.Replies.as_view(), name="board-replies"),
    path("board/posts/<int:pk>/close/", partners.PostClose.as_view(), name="board-post-close"),
    path(
        "board/replies/<int:pk>/status/",
        partners.ReplyStatus.as_view(),
        name="board-reply-status",
    ),
    # Applying together
    path("applications/", applications.Applications.as_view(), name="applications"),
    path("applications/<int:pk>/", applications.ApplicationDetail.as_view(), name="application"),
    path(
        "applications/<int:pk>/invitations/",
        applications.Invitations.as_view(),
        name="application-invitations",
    ),
    path(
        "applications/<int:pk>/invitations/<int:invitation_pk>/",
        applications.InvitationCancel.as_view(),
        name="application-invitation",
    ),
    path(
        "applications/<int:pk>/answers/<slug:key>/",
        applications.SectionAnswers.as_view(),
        name="answers",
    ),
    path(
        "applications/<int:pk>/participants/<slug:slug>/",
        applications.Participants.as_view(),
        name="participants",
    ),
    path("applications/<int:pk>/confirm/", applications.Confirm.as_view(), name="confirm"),
    path("applications/<int:pk>/submit/", applications.Submit.as_view(), name="submit"),
    path("applications/<int:pk>/withdraw/", applications.Withdraw.as_view(), name="withdraw"),
    path("applications/<int:pk>/pdf/", applications.Pdf.as_view(), name="pdf"),
    path(
        "me/application-invitations/",
        applications.InvitationsToMe.as_view(),
        name="invitations-to-me",
    ),
    path(
        "me/application-invitations/<int:invitation_pk>/accept/",
        applications.InvitationAnswer.as_view(decision="accept"),
        name="invitation-accept",
    ),
    path(
        "me/application-invitations/<int:invitation_pk>/decline/",
        applications.InvitationAnswer.as_view(decision="decline"),
        name="invitation-decline",
    ),
    # Staff
    path(
        "calls/<slug:slug>/applications/",
        applications.CallApplications.as_view(),
        name="call-applications",
    ),
    path(
        "applications/<int:pk>/extensions/",
        applications.Extensions.as_view(),
        name="extensions",
    ),
    path(
        "applications/<int:pk>/status/",
        applications.StatusChangeView.as_view(),
        name="status",
    ),
    # Anything else under /api/v1/ is a problem document too, not the site's 404 page.
    # Review and selection
    path("calls/<slug:slug>/standings/", selection.Standings.as_view(), name="standings"),
    path(
        "calls/<slug:slug>/applications/<int:pk>/screening/",
        selection.Screening.as_view(),
        name="screening",
    ),
    path(
        "calls/<slug:slug>/applications/<int:pk>/decision/",
        selection.DecisionEndpoint.as_view(),
        name="decision",
    ),
    path("calls/<slug:slug>/applications/<int:pk>/audit/", selection.Audit.as_view(), name="audit"),
    path("calls/<slug:slug>/reviewers/", selection.Reviewers.as_view(), name="reviewers"),
    path("calls/<slug:slug>/assignment/", selection.Assignment.as_view(), name="assignment"),
    path("calls/<slug:slug>/reviewer-habits/", selection.Habits.as_view(), name="habits"),
    path(
        "calls/<slug:slug>/cohort-suggestions/",
        selection.Suggestions.as_view(),
        name="suggestions",
    ),
    path("calls/<slug:slug>/decisions/publish/", selection.Publish.as_view(), name="publish"),
    path("reviews/", selection.MyReviews.as_view(), name="reviews"),
    path("reviews/<int:pk>/", selection.ReviewEndpoint.as_view(), name="review"),
    path("reviews/<int:pk>/conflict/", selection.ReviewConflict.as_view(), name="review-conflict"),
    path("reviewer-roles/<int:pk>/conflicts/", selection.Conflicts.as_view(), name="conflicts"),
    # The workspace's meetings, the cohort's events and the calendar feed (issue 13, meetings)
    path("partnerships/<int:pk>/meetings/", meetings.Meetings.as_view(), name="meetings"),
    path(
        "partnerships/<int:pk>/meetings/<int:meeting_pk>/",
        meetings.MeetingDetail.as_view(),
        name="meeting",
    ),
    path("cohorts/<int:pk>/events/", meetings.CohortEvents.as_view(), name="cohort-events"),
    path(
        "cohorts/<int:pk>/events/<int:event_pk>/registration/",
        meetings.MyRegistration.as_view(),
        name="cohort-event-registration",
    ),
    path(
        "cohorts/<int:pk>/events/<int:event_pk>/attendance/",
        meetings.Attendance.as_view(),
        name="cohort-event-attendance",
    ),
    path("me/calendar-feed/", meetings.CalendarFeed.as_view(), name="calendar-feed"),
    # The partnership's visits and visa invitation letters (issue 13, visits)
    path("partnerships/<int:pk>/visits/", visits.Visits.as_view(), name="visits"),
    path(
        "partnerships/<int:pk>/visits/<int:visit_pk>/", visits.VisitDetail.as_view(), name="visit"
    ),
    path(
        "partnerships/<int:pk>/visits/<int:visit_pk>/status/",
        visits.VisitStatus.as_view(),
        name="visit-status",
    ),
    path(
        "partnerships/<int:pk>/visits/<int:visit_pk>/travellers/",
        visits.Travellers.as_view(),
        name="visit-travellers",
    ),
    path(
        "partnerships/<int:pk>/visits/<int:visit_pk>/travellers/<int:traveller_pk>/",
        visits.TravellerDetail.as_view(),
        name="visit-traveller",
    ),
    path(
        "partnerships/<int:pk>/visits/<int:visit_pk>/letters/",
        visits.Letters.as_view(),
        name="visit-letters",
    ),
    path(
        "partnerships/<int:pk>/visits/<int:visit_pk>/letters/<int:letter_pk>/pdf/",
        visits.LetterPdf.as_view(),
        name="visit-letter-pdf",
    ),
    path(
        "partnerships/<int:pk>/visits/<int:visit_pk>/letters/<int:letter_pk>/revoke/",
        visits.LetterRevoke.as_view(),
        name="visit-letter-revoke",
    ),
    # Grant and expenses (issue 13, money)
    path("partnerships/<int:pk>/money/", money.Grant.as_view(), name="money-grant"),
    path(
        "partnerships/<int:pk>/money/instalments/",
        money.Instalments.as_view(),
        name="money-instalments",
    ),
    path(
        "partnerships/<int:pk>/money/instalments/<int:instalment_pk>/transfer/",
        money.Transfer.as_view(),
        name="money-instalment-transfer",
    ),
    path(
        "partnerships/<int:pk>/money/checks/<int:check_pk>/",
        money.Tick.as_view(),
        name="money-check",
    ),
    path("partnerships/<int:pk>/money/expenses/", money.Expenses.as_view(), name="money-expenses"),
    path(
        "partnerships/<int:pk>/money/expenses/<int:expense_pk>/",
        money.ExpenseDetail.as_view(),
        name="money-expense",
    ),
    path(
        "partnerships/<int:pk>/money/expenses/<int:expense_pk>/submit/",
        money.Submit.as_view(),
        name="money-expense-submit",
    ),
    path(
        "partnerships/<int:pk>/money/expenses/<int:expense_pk>/approve/",
        money.Approve.as_view(),
        name="money-expense-approve",
    ),
    path(
        "partnerships/<int:pk>/money/expenses/<int:expense_pk>/return/",
        money.Return.as_view(),
        name="money-expense-return",
    ),
    path("money/rates/", money.Rates.as_view(), name="money-rates"),
    # (end of money)
    # Reports and the capacity self-assessment (issue 13, reports)
    path("partnerships/<int:pk>/reports/", reports.Reports.as_view(), name="reports"),
    path(
        "partnerships/<int:pk>/reports/<int:report_pk>/",
        reports.ReportDetail.as_view(),
        name="partnership-report",
    ),
    path(
        "partnerships/<int:pk>/reports/<int:report_pk>/submit/",
        reports.ReportSubmit.as_view(),
        name="report-submit",
    ),
    path(
        "partnerships/<int:pk>/reports/<int:report_pk>/review/",
        reports.ReportReview.as_view(),
        name="report-review",
    ),
    path(
        "partnerships/<int:pk>/assessment/",
        reports.AssessmentQuestionnaire.as_view(),
        name="assessment",
    ),
    path(
        "partnerships/<int:pk>/assessment/results/",
        reports.AssessmentResults.as_view(),
        name="assessment-results",
    ),
    path(
        "partnerships/<int:pk>/assessment/<str:stage>/<int:org_pk>/",
        reports.AssessmentAnswers.as_view(),
        name="assessment-answers",
    ),
    # (end of reports)
    # The partnership's six months: its core (issue 13)
    path("partnerships/", partnerships.Partnerships.as_view(), name="partnerships"),
    path("partnerships/<int:pk>/", partnerships.PartnershipDetail.as_view(), name="partnership"),
    path(
        "partnerships/<int:pk>/activities/",
        partnerships.Activities.as_view(),
        name="activities",
    ),
    path(
        "partnerships/<int:pk>/activities/<int:activity_pk>/",
        partnerships.ActivityDetail.as_view(),
        name="activity",
    ),
    path(
        "partnerships/<int:pk>/activities/<int:activity_pk>/status/",
        partnerships.ActivityStatus.as_view(),
        name="activity-status",
    ),
    path(
        "partnerships/<int:pk>/history/",
        partnerships.History.as_view(),
        name="partnership-history",
    ),
    path("partnerships/<int:pk>/updates/", partnerships.ShareUpdate.as_view(), name="share-update"),
    path("cohorts/<int:pk>/updates/", partnerships.CohortUpdates.as_view(), name="cohort-updates"),
    path(
        "cohorts/<int:pk>/progress/",
        partnerships.CohortProgress.as_view(),
        name="cohort-progress",
    ),
    path("library/models/", library.Library.as_view(), name="library"),
    path("library/feed/", library.LibraryFeed.as_view(), name="library-feed"),
    path("library/models/<slug:slug>/", library.ModelDetail.as_view(), name="library-model"),
    path("library/models/<slug:slug>/lineage/", library.Lineage.as_view(), name="library-lineage"),
    path(
        "library/models/<slug:slug>/adoptions/",
        library.Adoptions.as_view(),
        name="library-adoptions",
    ),
    path("library/drafts/", library.Drafts.as_view(), name="library-drafts"),
    path("library/drafts/<slug:slug>/", library.Draft.as_view(), name="library-draft"),
    path(
        "library/drafts/<slug:slug>/texts/<str:language>/",
        library.DraftText.as_view(),
        name="library-draft-text",
    ),
    path(
        "library/drafts/<slug:slug>/approve/",
        library.DraftApprove.as_view(),
        name="library-draft-approve",
    ),
    path(
        "library/drafts/<slug:slug>/submit/",
        library.DraftSubmit.as_view(),
        name="library-draft-submit",
    ),
    path(
        "library/drafts/<slug:slug>/review/",
        library.DraftReview.as_view(),
        name="library-draft-review",
    ),
    path("library/adoptions/<int:pk>/", library.AdoptionDetail.as_view(), name="library-adoption"),
    path(
        "partnerships/<int:pk>/model/",
        library.PartnershipModel.as_view(),
        name="partnership-model",
    ),
    re_path(r"^[\s\S]*$", not_found, name="not-found"),
]
