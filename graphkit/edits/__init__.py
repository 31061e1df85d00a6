"""Use cases: each reads what it needs and returns a ChangeSet; ``Store.apply`` writes it whole.

Nothing here writes. A caller applies what a use case planned:

    store.apply(edits.delete_stakeholder(store, "person-ana"), by="ana")

``apply_fresh`` plans again from a fresh read when another writer changed what was read, for
use cases whose meaning does not depend on that (logging a meeting, a follow-up done).
"""

from graphkit.edits.interactions import (
    NEW_TIE_STRENGTH,
    Logged,
    follow_up_done,
    log_interaction,
    plan_log,
)
from graphkit.edits.records import (
    apply_fresh,
    delete_stakeholder,
    edit_record,
    erase_person,
    erasure_texts,
    restore_stakeholder,
)
from graphkit.edits.undo import last_batch, undo
from graphkit.edits.views import delete_view, rename_view, save_view, saved_views, view_id

__all__ = [
    "NEW_TIE_STRENGTH",
    "Logged",
    "apply_fresh",
    "delete_stakeholder",
    "delete_view",
    "edit_record",
    "erase_person",
    "erasure_texts",
    "follow_up_done",
    "last_batch",
    "log_interaction",
    "plan_log",
    "rename_view",
    "restore_stakeholder",
    "save_view",
    "saved_views",
    "undo",
    "view_id",
]
