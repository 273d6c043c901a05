"""Small numbers are never shown (ISSUE 10, part 3): every breakdown of survey results
with fewer than `MINIMUM` responses (or, for the autumn-to-summer comparison, matched
participants) is **suppressed**, shown as "fewer than 5", on pages, in exports and in the
API alike.

Primary suppression alone leaks by differencing: a hub's total minus its other activities
is the suppressed activity; the national total minus every other hub is the suppressed
hub. So the breakdowns are a tree of groups, each a parent and the children that add up to
it (national -> hubs, national -> NCPs, hub -> its activities, NCP -> its activities), and
in every group whose parent is shown, the suppressed children with responses must be at
least two and hold at least `MINIMUM` responses between them; until they do, the smallest
child still shown is suppressed too (secondary suppression). A child suppressed in one
group may leave a lone suppressed cell in another (an activity is in a hub and in an NCP),
so the rule runs until nothing changes. A parent whose responses all come from one hidden
child is that child's count again, and is hidden too.

The decision is one function of the whole survey's counts, the same whoever asks and
whatever page, export or API answer shows a part of it: an activity that is shown on its
own page is shown everywhere, and one suppressed anywhere is suppressed everywhere.
A breakdown with no responses is not suppressed (there is nothing in it to hide).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

MINIMUM = 5
SUPPRESSED_TEXT = "fewer than 5"

Group = tuple[Hashable, Sequence[Hashable]]


def suppressed_breakdowns(counts: Mapping[Any, int], groups: Iterable[Group]) -> set:
    """The keys of `counts` to suppress: primary (1 to MINIMUM - 1) and secondary (see
    the module's docstring). `groups`: (parent key, child keys) whose children's counts
    add up to the parent's."""
    groups = list(groups)
    hidden = {key for key, n in counts.items() if 0 < n < MINIMUM}
    changed = True
    while changed:
        changed = False
        for parent, children in groups:
            if parent in hidden:
                continue
            while True:
                inside = [c for c in children if c in hidden and counts.get(c, 0) > 0]
                if not inside or (len(inside) >= 2 and sum(counts[c] for c in inside) >= MINIMUM):
                    break
                shown = sorted(
                    (c for c in children if c not in hidden and counts.get(c, 0) > 0),
                    key=lambda c: (counts[c], str(c)),
                )
                if not shown:
                    # Every child is hidden: the parent is their sum. Of one child alone it
                    # is that child's count, so it is hidden with it.
                    if len(inside) == 1:
                        hidden.add(parent)
                        changed = True
                    break
                hidden.add(shown[0])
                changed = True
    return hidden
