"""The only way views fetch a generated document.

A booklet holds the cards its requester could read when asking. It is open to its requester while
they can still read the plan, and to another reader of the plan only when that reader may read
every card in it (a partner government's officials see only their own tasks). Others get 404, so
a document's existence does not leak.
"""

from django.db.models import QuerySet
from django.http import Http404

from sangsaeng.accounts.models import User
from sangsaeng.documents.models import GeneratedDocument
from sangsaeng.plans.access import access_plan, visible_tasks
from sangsaeng.plans.models import Plan


def can_read_document(user: User, document: GeneratedDocument) -> bool:
    if document.requested_by_id == user.pk:
        return True
    ids = set(document.task_ids)
    return visible_tasks(user, document.plan).filter(pk__in=ids).count() == len(ids)


def access_document(user: User, document_id: int) -> GeneratedDocument:
    document = GeneratedDocument.objects.select_related("plan").filter(pk=document_id).first()
    if document is None:
        raise Http404("문서를 찾을 수 없습니다.")
    access_plan(user, document.plan_id)
    if not can_read_document(user, document):
        raise Http404("문서를 찾을 수 없습니다.")
    return document


def plan_documents(user: User, plan: Plan) -> QuerySet[GeneratedDocument]:
    """The plan's documents listed to `user` (whose right to the plan the caller checked)."""
    documents = GeneratedDocument.objects.filter(plan=plan).select_related("requested_by")
    ids = set(visible_tasks(user, plan).values_list("pk", flat=True))
    readable = [d.pk for d in documents if d.requested_by_id == user.pk or set(d.task_ids) <= ids]
    return documents.filter(pk__in=readable)
