"""The help screen: what each screen is for and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# Sparring

Synthetic users spar with your bots; you watch, read and rate.

## Everywhere
| key | action |
| --- | --- |
| `d` | dashboard: runs, live figures, persona x bot quality, rating progress |
| `c` | conversations: filter, open a transcript |
| `s` | personas: browse, edit in `$EDITOR`, reload |
| `n` | start a new run |
| `u` | review: open the next bot turn nobody has rated |
| `t` | talk to a bot yourself (stored with source `human`; `ctrl+r` rates its turns) |
| `ctrl+e` | export conversations as chat JSONL |
| `p` / `x` | pause or resume / cancel the live run |
| `r` | finish the interrupted or failed run on display (dashboard), like `sparring resume` |
| `ctrl+p` | command palette: every action by name |
| `ctrl+t` | dark / light theme |
| `?` | this help |
| `q` | quit (a live run is cancelled; finished turns are kept) |

## Personas
| key | action |
| --- | --- |
| `e` | edit the persona in `$EDITOR`, as a draft: its file changes only once it validates |
| `r` | reload the personas folder; the first invalid file is shown |

## Transcript
| key | action |
| --- | --- |
| `j` / `k` | next / previous bot turn |
| `+` / `-` | thumbs up / down (again to clear) |
| `1` ... `5` | stars (the same count again to clear) |
| `m` | add or edit a note |
| `!` | flag the turn for review (again to clear) |
| `u` | next unrated turn, across conversations |
| `o` | take over a running conversation from its persona (`ctrl+b` hands it back) |
| `escape` | back |

Ratings are saved the moment you press the key, attributed to `$SPARRING_RATER`
(default: your login name), and counted at once in the dashboard's rating progress.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and screens, dismissed with escape or `?`."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]
    CSS_PATH = "help.tcss"

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)
