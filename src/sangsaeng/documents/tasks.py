"""Background tasks of the documents app, run by the task worker (`sangsaeng serve` starts one)."""

from django.tasks import task

from sangsaeng.documents import services


@task
def build_booklet(document_id: int) -> bool:
    return services.booklet_build(document_id=document_id)


@task
def cleanup_documents() -> int:
    return services.documents_cleanup()
