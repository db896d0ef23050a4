"""The new-run form: pick personas and bots, counts, engine and models; returns a `RunPlan`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import Integer, Number, Validator
from textual.widgets import Button, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from simulator.errors import ConfigError
from simulator.plan import RunPlan

if TYPE_CHECKING:
    from tui.app import SparringApp

_DEFAULTS = {f.name: f.default for f in fields(RunPlan)}
ENGINES = ("scripted", "llm")


@dataclass(frozen=True, slots=True)
class NumberField:
    """One numeric input of the form and the `RunPlan` field it fills."""

    field: str
    label: str
    expected: str
    minimum: int | None = 1
    optional: bool = False

    @property
    def id(self) -> str:
        return self.field.replace("_", "-")

    def validator(self) -> Validator:
        return Number(minimum=0) if self.optional else Integer(minimum=self.minimum)

    def parse(self, text: str) -> int | float | None:
        if self.optional:
            return float(text) if text.strip() else None
        return int(text)


NUMBER_FIELDS = (
    NumberField("conversations", "Conversations per pair", "a whole number, 1 or more"),
    NumberField("min_turns", "Min turns", "a whole number, 1 or more"),
    NumberField("max_turns", "Max turns", "a whole number, 1 or more"),
    NumberField("concurrency", "Concurrency", "a whole number, 1 or more"),
    NumberField("seed", "Seed", "a whole number", minimum=None),
    NumberField("max_cost_usd", "Max cost (USD)", "a number, 0 or more, or empty for no limit",
                optional=True),
)


_FLAG_LABELS = {
    "--persona-engine": "Persona engine", "--persona-model": "Persona model",
    "--persona": "Personas", "--bot": "Bots", "--max-cost": "Max cost (USD)",
    **{f"--{spec.id.replace('-usd', '')}": spec.label for spec in NUMBER_FIELDS},
}
"""The form's names for the CLI flags that `RunPlan`'s messages mention."""


def in_form_terms(message: str) -> str:
    """`RunPlan`'s one-line message with the form's labels in place of CLI flags."""
    for flag in sorted(_FLAG_LABELS, key=len, reverse=True):
        message = message.replace(flag, _FLAG_LABELS[flag])
    return message


class NewRunScreen(ModalScreen[RunPlan | None]):
    """A form for a run plan; Start dismisses with the plan, Escape or Cancel with None.

    A plan that does not validate shows its one-line error under the form instead.
    """

    CSS_PATH = "new_run.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "start", "Start"),
    ]

    @property
    def sparring(self) -> SparringApp:
        return cast("SparringApp", self.app)

    def compose(self) -> ComposeResult:
        personas = self.sparring.personas
        bots = self.sparring.bots_file.bots
        with Vertical(id="dialog"):
            yield Label("New run", id="title")
            with VerticalScroll(id="form", can_focus=False):
                with Horizontal(id="pickers"):
                    with Vertical(classes="picker"):
                        yield Label("Personas")
                        yield SelectionList[str](
                            *(Selection(f"{p.name} ({pid})", pid, True)
                              for pid, p in personas.items()),
                            id="personas",
                        )
                    with Vertical(classes="picker"):
                        yield Label("Bots")
                        yield SelectionList[str](
                            *(Selection(f"{bid}: {b.description or b.kind}", bid, True)
                              for bid, b in bots.items()),
                            id="bots",
                        )
                with Grid(id="numbers"):
                    for spec in NUMBER_FIELDS:
                        default = _DEFAULTS[spec.field]
                        with Vertical(classes="field"):
                            yield Label(spec.label)
                            yield Input(
                                "" if default is None else str(default),
                                id=spec.id,
                                type="number" if spec.optional else "integer",
                                validators=[spec.validator()],
                                valid_empty=spec.optional,
                                placeholder="no limit" if spec.optional else "",
                            )
                with Grid(id="models"):
                    with Vertical(classes="field"):
                        yield Label("Persona engine")
                        yield Select([(e, e) for e in ENGINES], value="scripted",
                                     allow_blank=False, id="persona-engine")
                    with Vertical(classes="field"):
                        yield Label("Persona model")
                        yield Input(id="persona-model", placeholder="for the llm engine",
                                    disabled=True)
                    with Vertical(classes="field"):
                        yield Label("Judge model")
                        yield Input(id="judge-model", placeholder="empty: no LLM judge")
            yield Static(id="error")
            with Horizontal(id="buttons"):
                yield Button("Start", variant="primary", id="start")
                yield Button("Cancel", id="cancel")

    def __init__(self) -> None:
        super().__init__()
        self._error_state: tuple[object, ...] | None = None
        """The form's values when the message on display was shown."""

    def on_mount(self) -> None:
        self.query_one("#error", Static).display = False

    @on(Select.Changed, "#persona-engine")
    def _engine_changed(self, event: Select.Changed) -> None:
        self.query_one("#persona-model", Input).disabled = event.value != "llm"

    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    def _edited(self) -> None:
        """Clear the message once the form differs from the one it was about."""
        if self._state() != self._error_state:
            self.show_error("")

    @on(Button.Pressed, "#start")
    @on(Input.Submitted)
    def action_start(self) -> None:
        """Dismiss with the plan, or show why it is not one."""
        try:
            plan = self.plan()
        except ConfigError as exc:
            self.show_error(in_form_terms(str(exc)))
            return
        self.dismiss(plan)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _state(self) -> tuple[object, ...]:
        inputs = tuple(widget.value for widget in self.query(Input))
        lists = tuple(tuple(widget.selected) for widget in self.query(SelectionList))
        return (*inputs, *lists, self.query_one("#persona-engine", Select).value)

    def show_error(self, message: str) -> None:
        self._error_state = self._state() if message else None
        error = self.query_one("#error", Static)
        error.update(message)
        error.display = bool(message)

    def _chosen(self, list_id: str, order: list[str]) -> tuple[str, ...]:
        selected = set(self.query_one(f"#{list_id}", SelectionList).selected)
        return tuple(value for value in order if value in selected)

    def plan(self) -> RunPlan:
        """The plan the form describes; ConfigError with a one-line message if it is not one."""
        numbers: dict[str, int | float | None] = {}
        for spec in NUMBER_FIELDS:
            text = self.query_one(f"#{spec.id}", Input).value
            result = self.query_one(f"#{spec.id}", Input).validate(text)
            if result is not None and not result.is_valid:
                raise ConfigError(f"{spec.label} = {text!r}; expected {spec.expected}")
            numbers[spec.field] = spec.parse(text)
        engine = str(self.query_one("#persona-engine", Select).value)
        persona_model = self.query_one("#persona-model", Input).value.strip()
        judge_model = self.query_one("#judge-model", Input).value.strip()
        return RunPlan(
            persona_ids=self._chosen("personas", list(self.sparring.personas)),
            bot_ids=self._chosen("bots", list(self.sparring.bots_file.bots)),
            persona_engine=engine,
            persona_model=(persona_model or None) if engine == "llm" else None,
            judge_model=judge_model or None,
            **numbers,  # type: ignore[arg-type]
        )
