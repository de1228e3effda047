"""Accessible names and keyboard order for the parts ipywidgets leaves unnamed.

A control with a ``description`` is named by ipywidgets' ``<label for>``. Everything else
cannot be set from Python (an empty ``<label for>`` even hides a ``tooltip``), so a small
script does it in the browser:

- a control in a :func:`labelled_row` is named after the row's visible text (a place box
  after its item, a matching menu after its statement); any other control after its
  tooltip;
- a slider's handle (``role="slider"``) gets an ``aria-label`` (the slider's tooltip), and
  its editable number readout leaves the Tab order, so Tab stops once per slider;
- a row of rating buttons becomes a named group; each button gets a name saying which row
  it rates, and ``aria-pressed``; only the pressed (or first) button is a Tab stop, and the
  arrow keys move between the buttons of the row;
- a set of radio buttons becomes a named radio group (named after its tooltip, the
  question): one Tab stop, the arrow keys choose;
- a chart image gets the ``alt`` text held in the widget's hidden chart description;
- keys pressed inside a widget stay there: JupyterLab's notebook shortcuts (Enter, A, B,
  the arrows) do not fire while a control has the focus (Shift+Enter still runs the cell
  and Escape still leaves for the notebook);
- the status line under a widget becomes a polite live region (``role="status"``), so a
  screen reader announces "Saved" or why an answer was not saved.

The script travels inside every widget's status line (an image that fails to load runs
it), so it works wherever the widget is shown, without a trusted notebook or an extension.
It is idempotent and watches the page, so widgets drawn later are fixed too.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

__all__ = [
    "A11Y_HOOK", "CHART_ALT_CLASS", "RATING_CLASS", "ROW_CLASS", "ROW_LABEL", "SLIDER_CLASS",
    "chart_alt_html", "labelled_row",
]

#: Class of a slider whose handle is named after the slider's tooltip.
SLIDER_CLASS = "plc-a11y-slider"
#: Class of a ToggleButtons row whose buttons are named after the row's tooltip.
RATING_CLASS = "plc-rating"
#: Class of a row (an HBox) whose controls are named after its label (class ``ROW_LABEL``).
ROW_CLASS = "plc-row"
#: Class of the visible text that names the controls of its row.
ROW_LABEL = "plc-row-label"
#: Class of the hidden element holding a chart image's alt text.
CHART_ALT_CLASS = "plc-chart-alt"

_SCRIPT = r"""
(function () {
  if (window.__plcA11y) { window.__plcA11y(); return; }
  var pending = false, groups = 0;
  function labelOf(w) {
    var l = w.querySelector(':scope > .widget-label');
    return l ? (l.title || l.textContent || '').trim() : '';
  }
  function set(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }
  function labelled(el) {
    var l = el.id ? document.querySelector('label[for="' + el.id + '"]') : null;
    return !!(l && l.textContent.trim());
  }
  function name(el, text) {
    text = (text || '').replace(/\s+/g, ' ').trim();
    if (text && !labelled(el)) { set(el, 'aria-label', text); }
  }
  function row(r) {
    var l = r.querySelector('.ROW_LABEL');
    r.querySelectorAll('select, input').forEach(function (c) { name(c, l && l.textContent); });
  }
  function titled(c) {
    if (!c.hasAttribute('aria-label')) { name(c, c.title); }
  }
  function slider(w) {
    var name = labelOf(w), handle = w.querySelector('.noUi-handle');
    if (handle && name) { set(handle, 'aria-label', name); }
    var readout = w.querySelector('.widget-readout');
    if (readout) { set(readout, 'tabindex', '-1'); set(readout, 'aria-hidden', 'true'); }
  }
  function rating(w) {
    var name = labelOf(w), group = w.querySelector(':scope > div');
    if (!group) { return; }
    set(group, 'role', 'group');
    if (name) { set(group, 'aria-label', name); }
    var buttons = Array.prototype.slice.call(group.querySelectorAll('button'));
    var pressed = buttons.filter(function (b) { return b.classList.contains('mod-active'); });
    var stop = pressed[0] || buttons[0];
    buttons.forEach(function (b) {
      var on = b.classList.contains('mod-active');
      set(b, 'aria-pressed', on ? 'true' : 'false');
      set(b, 'aria-label', (name ? name + ': ' : '') + (b.title || b.textContent).trim());
      set(b, 'tabindex', b === stop ? '0' : '-1');
    });
    if (!group.__plcKeys) {
      group.__plcKeys = true;
      group.addEventListener('keydown', function (e) {
        var all = Array.prototype.slice.call(group.querySelectorAll('button'));
        var i = all.indexOf(document.activeElement), step = 0;
        if (e.key === 'ArrowRight' || e.key === 'ArrowDown') { step = 1; }
        if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') { step = -1; }
        if (!step || i < 0) { return; }
        e.preventDefault(); e.stopPropagation();
        var next = all[Math.min(Math.max(i + step, 0), all.length - 1)];
        all.forEach(function (b) { b.setAttribute('tabindex', b === next ? '0' : '-1'); });
        next.focus();
      });
    }
  }
  function radios(w) {
    var box = w.querySelector(':scope > .widget-radio-box');
    if (!box) { return; }
    set(box, 'role', 'radiogroup');
    var name = (w.title || labelOf(w) || '').trim();
    if (name) { set(box, 'aria-label', name); }
    if (!box.__plcName) { groups += 1; box.__plcName = 'plc-radio-' + groups; }
    box.querySelectorAll('input[type="radio"]').forEach(function (r) {
      set(r, 'name', box.__plcName);
    });
  }
  function chart(img) {
    var owner = img.closest('.plc-answer-widget');
    var text = owner && owner.querySelector('.CHART_ALT');
    if (text) { set(img, 'alt', text.textContent.trim()); }
  }
  function fix() {
    pending = false;
    document.querySelectorAll('.plc-answer-widget').forEach(function (w) {
      set(w, 'data-lm-suppress-shortcuts', 'true');
      if (w.__plcKeys) { return; }
      w.__plcKeys = true;
      w.addEventListener('keydown', function (e) {
        var run = e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey || e.altKey);
        if (!run && e.key !== 'Escape') { e.stopPropagation(); }
      });
    });
    document.querySelectorAll('.ROW').forEach(row);
    document.querySelectorAll('.plc-answer-widget select[title], .plc-answer-widget input[title]')
      .forEach(titled);
    document.querySelectorAll('.SLIDER').forEach(slider);
    document.querySelectorAll('.RATING').forEach(rating);
    document.querySelectorAll('.plc-answer-widget .widget-radio').forEach(radios);
    document.querySelectorAll('.plc-answer-widget img.plc-chart-image').forEach(chart);
    document.querySelectorAll('.plc-status-line > .widget-html-content').forEach(
      function (e) { set(e, 'role', 'status'); });
  }
  function later() {
    if (!pending) { pending = true; window.requestAnimationFrame(fix); }
  }
  window.__plcA11y = fix;
  new MutationObserver(later).observe(document.body, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ['class', 'title']
  });
  fix();
})();
"""


def _hook() -> str:
    """Return the hidden image whose failed load runs the script (once per page)."""
    code = (_SCRIPT.replace(".SLIDER", f".{SLIDER_CLASS}").replace(".RATING", f".{RATING_CLASS}")
            .replace(".CHART_ALT", f".{CHART_ALT_CLASS}").replace(".ROW_LABEL", f".{ROW_LABEL}")
            .replace(".ROW", f".{ROW_CLASS}"))
    code = " ".join(line.strip() for line in code.strip().splitlines())
    return f'<img src="data:," alt="" hidden aria-hidden="true" onerror="{html.escape(code)}">'


#: The HTML that installs the script; every widget's status line carries it.
A11Y_HOOK = _hook()


def labelled_row(control: widgets.Widget, label: widgets.Widget,
                 *, control_first: bool = True) -> widgets.HBox:
    """Return an HBox of ``control`` and its visible ``label``, which names the control."""
    label.add_class(ROW_LABEL)
    row = widgets.HBox([control, label] if control_first else [label, control])
    row.add_class(ROW_CLASS)
    return row


def chart_alt_html(text: str) -> str:
    """Return the hidden element that gives a widget's chart image its ``alt`` ``text``."""
    return (f'<span class="{CHART_ALT_CLASS}" hidden aria-hidden="true">'
            f"{html.escape(text)}</span>")
