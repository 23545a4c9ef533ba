"""The progress page of a big upload (an ImportBatch): how far it got, polled by htmx every two
seconds, and the report of every record once it is finished. With the immediate tasks backend
there is no worker, so each request of the page imports the next records for
IMPORT_BATCH_STEP_SECONDS first: the batch goes on while someone watches it, and stops (losing
nothing) when nobody does; reopening the page carries on."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404, render

from newsreader import services
from newsreader.access import editor_required
from newsreader.models import ImportBatch

from . import wording


@editor_required
def import_batch(request, pk):
    batch = get_object_or_404(ImportBatch, pk=pk)
    if not services.in_background() and batch.finished is None:
        services.import_batch_step(batch_id=batch.pk, seconds=settings.IMPORT_BATCH_STEP_SECONDS)
        batch.refresh_from_db()
    progress = services.import_batch_progress(batch=batch)
    context = {
        "batch": batch,
        "progress": progress,
        "statuses": [
            (wording.JOB_STATUSES[status], count)
            for status, count in sorted(progress.counts.items())
            if count
        ],
        "report": services.import_batch_report(batch=batch) if progress.finished else None,
    }
    template = "newsreader/import_batch.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#progress"
    return render(request, template, context)
