"""A learner's latest state on each block of a module, kept in one row.

The module page shows, per block, the latest answer to a question (with the
verdict on the first answer and the number of tries), the step a scenario
stands at and the latest reflection. Reading those from the learner's
events cost more with every replay; `ModuleBlockState` holds them in one row
per learner and module instead, written by the roll-up in the transaction
that applies the events, and the page folds over it the few events not
applied yet. An entry gives way only to a later event, by (occurred_at, id),
so applying events in any order, or again, gives the same row.
"""

from datetime import UTC

from lms.models import ModuleBlockState

ANSWERED, STEP, REFLECTED = "answered", "scenario_step", "reflected"
KINDS = frozenset({ANSWERED, STEP, REFLECTED})


def stamp(occurred_at, event_id):
    """(time, id) as strings that sort as they should: UTC, microseconds always shown."""
    return (
        occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        str(event_id),
    )


def take(blocks, event):
    """Put the event in `blocks` when it is the latest on its block; whether it was.

    `event` is a progress event or anything with its kind, block_id, payload,
    result, occurred_at and id. An answer keeps the first answer's verdict and
    the tries counted so far; the caller brings those up to date.
    """
    if event.kind not in KINDS or not event.block_id:
        return False
    at, ident = stamp(event.occurred_at, event.id)
    current = blocks.get(event.block_id)
    if current is not None and (current["at"], current["id"]) > (at, ident):
        return False
    entry = {"at": at, "id": ident, "kind": event.kind, **_shown(event)}
    if current is not None and event.kind == ANSWERED:
        entry["first_correct"] = current.get("first_correct")
        entry["attempts"] = current.get("attempts", 0)
    blocks[event.block_id] = entry
    return True


def _shown(event):
    """What the page shows of the event, and nothing it does not."""
    if event.kind == ANSWERED:
        return {
            "chosen": event.payload.get("chosen", []),
            "correct": bool(event.result.get("correct")),
            "feedback": event.result.get("feedback", []),
        }
    if event.kind == STEP:
        return {"result": event.result}
    return {"text": event.payload.get("text", "")}


def fold_pending(blocks, events):
    """Fold events not applied yet, in time order, over the stored blocks.

    Each answer is one more try; a question first answered among them takes
    its verdict from the earliest. Until the roll-up applies them this is
    what the learner would see; the roll-up's figures then replace it.
    """
    for event in events:
        earlier = blocks.get(event.block_id) if event.kind == ANSWERED else None
        take(blocks, event)
        if event.kind != ANSWERED:
            continue
        entry = blocks[event.block_id]
        if earlier is None or earlier.get("first_correct") is None:
            entry["first_correct"] = bool(event.result.get("correct"))
        entry["attempts"] = (earlier or {}).get("attempts", 0) + 1
    return blocks


def write(events, progress, responses):
    """Bring the block states of the events' (learner, module) pairs up to date.

    Runs inside the roll-up's transaction, with the pairs' progress rows
    locked, so the rows read here are ours until it commits: one read and one
    upsert, and nothing at all for a batch without block events.
    """
    touched = {}
    for event in events:
        if event.kind in KINDS and event.block_id:
            pair = (event.user_id, event.module_id)
            touched.setdefault(pair, []).append(event)
    if not touched:
        return
    ids = {pair: progress[pair].pk for pair in touched}
    stored = dict(
        ModuleBlockState.objects.filter(progress_id__in=ids.values()).values_list(
            "progress_id", "blocks"
        )
    )
    rows = []
    for pair, found in sorted(touched.items()):
        blocks = stored.get(ids[pair]) or {}
        for event in found:
            take(blocks, event)
        for event in found:
            if event.kind == ANSWERED:
                # The question's response row has the first answer and the tries,
                # whatever order the answers arrived in.
                response = responses[(event.user_id, event.block_id)]
                blocks[event.block_id]["first_correct"] = response.correct
                blocks[event.block_id]["attempts"] = response.attempts
        rows.append(ModuleBlockState(progress_id=ids[pair], blocks=blocks))
    ModuleBlockState.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["progress"],
        update_fields=["blocks"],
    )
