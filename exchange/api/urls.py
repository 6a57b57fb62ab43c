from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from . import applications, partners, partnerships, people, public, selection
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
    re_path(r"^[\s\S]*$", not_found, name="not-found"),
]
