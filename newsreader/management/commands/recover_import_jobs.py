from django.core.management.base import BaseCommand

from newsreader.services.batches import import_batches_recover
from newsreader.services.jobs import import_jobs_recover


class Command(BaseCommand):
    help = (
        "Queue again the import jobs and batches left running by a worker that stopped (no "
        "heartbeat for IMPORT_JOB_STALE_MINUTES). Workers do this on every job they start; run this from cron "
        "or after restarting a worker."
    )

    def handle(self, *args, **options):
        recovered = import_jobs_recover()
        self.stdout.write(f"{len(recovered)} job(s) queued again: {recovered}")
        batches = import_batches_recover()
        self.stdout.write(f"{len(batches)} import batch(es) resumed: {batches}")
