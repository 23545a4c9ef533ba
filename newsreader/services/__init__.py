"""The bridge between Django and the analysis core: `<entity>_<action>` functions.

Views, features and management commands call these; only services touch the analysis modules
(features may also call the analysis engine their own section runs). `articles` turns
extractions and corrections into article fields, `stories` groups and edits stories, `imports`
stores pages, `fetch` downloads them, `jobs` queues imports for the background worker, `batches` runs big uploads in the background, `tasks`
indexes and analyses after an import, `story_analysis` computes and caches story analyses,
`corpus` keeps the reuse index, `backup` dumps and restores the corpus.
"""

from .articles import (
    ImportRefused,
    ImportResult,
    article_correct,
    article_replaced_bytes,
    outlet_choices,
)
from .batches import (
    articles_import_upload,
    import_batch_progress,
    import_batch_report,
    import_batch_step,
)
from .fetch import article_fetch, page_fetch
from .grouping import earliest_published, merge_suggestion_dismiss, merge_suggestions_for
from .imports import (
    article_import,
    articles_import_bulk,
)
from .jobs import (
    import_job_retry,
    import_jobs_create,
    import_jobs_recent,
    imports_in_background,
)
from .outlets import outlet_by_slug, outlet_for
from .records import import_records
from .regroup import stories_regroup
from .stories import (
    article_delete,
    article_move,
    article_reanalyse,
    stories_of,
    story_create,
    story_delete,
    story_merge,
    story_split,
)
from .story_analysis import AnalysisPending, story_analysis_current, story_analysis_ready
from .tasks import analyses_deferred, in_background, stories_changed, story_analysis_queue

__all__ = [
    "AnalysisPending",
    "analyses_deferred",
    "in_background",
    "stories_changed",
    "stories_of",
    "story_analysis_current",
    "story_analysis_queue",
    "story_analysis_ready",
    "merge_suggestion_dismiss",
    "merge_suggestions_for",
    "earliest_published",
    "stories_regroup",
    "ImportRefused",
    "ImportResult",
    "article_correct",
    "article_replaced_bytes",
    "article_delete",
    "article_fetch",
    "article_import",
    "article_move",
    "article_reanalyse",
    "articles_import_bulk",
    "articles_import_upload",
    "import_batch_progress",
    "import_batch_report",
    "import_batch_step",
    "import_job_retry",
    "import_jobs_create",
    "import_jobs_recent",
    "import_records",
    "imports_in_background",
    "outlet_by_slug",
    "outlet_choices",
    "outlet_for",
    "page_fetch",
    "story_create",
    "story_delete",
    "story_merge",
    "story_split",
]
