"""Fixtures of the security tests: the demo with a client per user."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from lanhmanh.api.actions import create_token
from lanhmanh.security.matrix import ROLES


@pytest.fixture
def world(cast, settings, tmp_path):
    """The demo's records, and a client per user (session for the web, token for the API)."""
    from lanhmanh.demo.replay import load_demo
    from lanhmanh.hotspots.models import Hotspot
    from lanhmanh.inspections.models import Establishment
    from lanhmanh.reporting.models import ReportAttachment, ReportStatus, UnitReport
    from lanhmanh.tips.models import Tip

    load_demo()
    province = cast.province
    report = (
        UnitReport.objects.filter(period__plan__jurisdiction=province)
        .filter(status=ReportStatus.SUBMITTED)
        .first()
    ) or UnitReport.objects.filter(period__plan__jurisdiction=province).first()
    settings.MEDIA_ROOT = tmp_path
    attachment = ReportAttachment(report=report, name="bien-ban.pdf", size=4)
    attachment.file.save("bien-ban.pdf", ContentFile(b"%PDF"), save=True)
    plan = report.period.plan
    establishment = Establishment.objects.filter(commune__province=province).first()
    hotspot = Hotspot.objects.filter(commune__province=province).first()
    from lanhmanh.activities.models import (
        Activity,
        ActivityAttachment,
        CommunityModel,
        ModelAttachment,
    )

    activity = Activity.objects.filter(unit__province=province).first()
    community_model = CommunityModel.objects.filter(unit__province=province).first()
    activity_file = ActivityAttachment(activity=activity, name="bien-ban.pdf", size=4)
    activity_file.file.save("bien-ban-hoat-dong.pdf", ContentFile(b"%PDF"), save=True)
    model_file = ModelAttachment(model=community_model, name="quyet-dinh.pdf", size=4)
    model_file.file.save("quyet-dinh-mo-hinh.pdf", ContentFile(b"%PDF"), save=True)
    tip = Tip.objects.filter(commune__province=province).first()
    from lanhmanh.inspections.models import Inspection, InspectionPlan
    from lanhmanh.sanctions.models import Sanction

    inspection = Inspection.objects.filter(establishment__commune__province=province).first()
    inspection_plan = InspectionPlan.objects.first()
    sanction = Sanction.objects.filter(commune__province=province).first()
    from lanhmanh.sanctions.models import Referral

    referral = Referral.objects.filter(sanction__commune__province=province).first()
    referral = referral or Referral.objects.create(
        sanction=sanction, to_agency=cast.province_agency
    )
    from lanhmanh.agencies.models import Agency
    from lanhmanh.assessments.models import Assessment, AssessmentAttachment

    assessment = Assessment.objects.filter(commune__province=province).first()
    assessment_file = AssessmentAttachment(assessment=assessment, name="bien-ban.pdf")
    assessment_file.file.save("bien-ban-danh-gia.pdf", ContentFile(b"%PDF"), save=True)
    import datetime

    from lanhmanh.people.models import (
        Case,
        Consent,
        DataSubjectRequest,
        DuplicateFlag,
        FollowUp,
        Person,
        Purpose,
        RequestKind,
        Service,
        ServiceKind,
    )

    # Every parameter is a real record of the province: what the demo lacks is made
    # here (a pk that exists nowhere answers 404 to everybody and tests nothing).
    case = Case.objects.filter(commune__province=province).order_by("pk").first()
    today = datetime.date.today()
    consent = Consent.objects.filter(person=case.person).order_by("pk").first()
    consent = consent or Consent.objects.create(
        person=case.person, purpose=Purpose.CASE_MANAGEMENT, given_on=today, method="written"
    )
    service = Service.objects.filter(case=case).order_by("pk").first()
    service = service or Service.objects.create(
        case=case, kind=ServiceKind.HEALTH_CHECK, provider=case.team
    )
    follow_up = FollowUp.objects.filter(case=case).order_by("pk").first()
    follow_up = follow_up or FollowUp.objects.create(case=case, due_on=today)
    other = Person.objects.filter(commune__province=province).exclude(pk=case.person_id).first()
    flag = DuplicateFlag.objects.filter(person__commune__province=province).order_by("pk").first()
    flag = flag or DuplicateFlag.objects.create(
        person=case.person, other=other, reason=DuplicateFlag.Reason.values[0]
    )
    data_request = (
        DataSubjectRequest.objects.filter(commune__province=province).order_by("pk").first()
    )
    data_request = data_request or DataSubjectRequest.objects.create(
        person=case.person,
        person_code=case.person.code,
        commune=case.commune,
        kind=RequestKind.ACCESS,
        received_on=today,
        acknowledge_by=today + datetime.timedelta(days=2),
    )
    # A task of the demo's plan with a lead agency, and what that agency recorded on it.
    from lanhmanh.plans.models import Progress, TaskAgency

    lead = (
        TaskAgency.objects.filter(role="lead", agency__isnull=False, task__plan=plan)
        .order_by("pk")
        .first()
    ) or TaskAgency.objects.filter(role="lead", agency__isnull=False).order_by("pk").first()
    progress, _created = Progress.objects.get_or_create(task=lead.task, agency=lead.agency)
    progress.attachment_name = "bien-ban.pdf"
    progress.attachment.save("bien-ban-nhiem-vu.pdf", ContentFile(b"%PDF"), save=True)
    # A duty of the plan addressed to a kind of agency (every commune's People's Committee).
    from lanhmanh.plans.models import Duty

    kind_duties = Duty.objects.filter(agency__isnull=True).exclude(addressee_kind="")
    kind_duty = kind_duties.filter(plan=plan).first() or kind_duties.order_by("pk").first()
    # The demo's own department: the one with duties in the demo plans.
    demo_department = Agency.objects.filter(name="Sở Y tế tỉnh Nghệ An").order_by("pk").first()
    inside_users = [cast.inside[r] for r in ROLES]
    outside_users = [cast.outside[r] for r in ROLES]
    token_owner = cast.inside["coordinator"]
    token, _secret = create_token(token_owner, "matrix")
    values = {
        # by parameter name, then by "namespace:param" where names are shared
        "agencies:pk": cast.province_agency.pk,
        "places:pk": province.pk,
        "plans:pk": plan.pk,
        "plans:item": lead.task_id,
        "plans:agency": lead.agency_id,
        "plans:duty_agencies:pk": kind_duty.pk,
        "reporting:pk": report.pk,
        "reporting:attachment_id": attachment.pk,
        "hotspots:pk": hotspot.pk,
        "activities:pk": activity.pk,
        "activities:model:pk": community_model.pk,
        "activities:model_edit:pk": community_model.pk,
        "activities:model_attach:pk": community_model.pk,
        "activities:model_attachment:pk": community_model.pk,
        "activities:model_attachment:attachment_id": model_file.pk,
        "model_id": community_model.pk,
        "activities:attachment_id": activity_file.pk,
        "activity_id": activity.pk,
        "inspections:pk": establishment.pk,
        "tips:pk": tip.pk,
        "inspections:inspection:pk": inspection.pk,
        "inspections:inspection_edit:pk": inspection.pk,
        "inspections:plan:pk": inspection_plan.pk,
        "sanctions:pk": sanction.pk,
        "sanctions:referral:pk": referral.pk,
        "assessments:pk": assessment.pk,
        "assessments:attachment_id": assessment_file.pk,
        "assessments:criteria_detail:pk": assessment.criteria_set_id,
        "assessments:criteria_edit:pk": assessment.criteria_set_id,
        "assessment_id": assessment.pk,
        "monitoring:table": "figures",
        "monitoring:which": "late",
        "monitoring:key": next(
            iter(__import__("lanhmanh.monitoring.figures").monitoring.figures.MEASURES)
        ),
        "monitoring:pk": plan.targets.first().pk,
        "people:pk": case.pk,
        "people:person:pk": case.person_id,
        "people:consent_pk": consent.pk,
        "people:service_pk": service.pk,
        "people:follow_up_pk": follow_up.pk,
        "people:flag_pk": flag.pk,
        "people:request_export:pk": data_request.pk,
        "people:request_step:pk": data_request.pk,
        "people:step": "acknowledge",
        "person_id": case.person_id,
        "case_id": case.pk,
        "service_id": service.pk,
        "inspection_id": inspection.pk,
        "sanction_id": sanction.pk,
        "token_revoke:pk": token.pk,
        "reporting:period:pk": report.period_id,
        "reporting:export:pk": report.period_id,
        "agency_id": demo_department.pk,
        "GET /api/v1/plans/{plan_id}/agencies/{agency_id}/progress:agency_id": report.agency_id,
        "unit_id": province.pk,
        "plan_id": plan.pk,
        "report_id": report.pk,
        "period_id": report.period_id,
        "hotspot_id": hotspot.pk,
        "establishment_id": establishment.pk,
        "tip_id": tip.pk,
    }
    web_clients, api_clients = [], []
    for user in [*inside_users, *outside_users, None]:
        web = Client()
        api = Client()
        if user is not None:
            web.force_login(user)
            _t, secret = create_token(user, "matrix")
            api.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        web_clients.append(web)
        api_clients.append(api)
    return {"values": values, "web": web_clients, "api": api_clients}
