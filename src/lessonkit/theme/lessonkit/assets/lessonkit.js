/* lessonkit: what the practice widgets do. One file, no dependencies.
   The markup works without it and holds no control: this builds the controls
   from it and binds each widget once, on load and after each instant
   navigation of Material for MkDocs (window.document$). */
(() => {
  "use strict";
  if (window.lessonkit) return; // instant navigation runs this file again: bind once
  const all = (root, selector) => [...root.querySelectorAll(selector)];
  const make = (tag, className) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    return el;
  };
  const STRING = { correct: "correct", partly: "partly_right", incorrect: "incorrect", empty: "no_answer" };
  // One text, or texts by plural category (the page language's CLDR rules).
  const byCount = (text, n) => text[new Intl.PluralRules(document.documentElement.lang).select(n)] ?? text.other ?? text;

  // A copy of a text element as a control shows it: without its note, links
  // or ids (a link inside a control, or a repeated id, would be wrong).
  const copyOf = (el) => {
    const copy = el.cloneNode(true);
    all(copy, ".lk-note, .lk-number").forEach((node) => node.remove());
    all(copy, "a").forEach((link) => link.replaceWith(...link.childNodes));
    all(copy, "[id]").forEach((node) => node.removeAttribute("id"));
    return copy;
  };
  const textOf = (el) => copyOf(el).textContent.replace(/\s+/g, " ").trim();
  const button = (action, text, className) => {
    const el = make("button", "md-button " + className);
    el.type = "button";
    el.dataset.lkAction = action;
    el.textContent = text;
    return el;
  };
  // An item's mark: it describes the item's control (or group) after "Check answers".
  const markFor = (item, described) => {
    const mark = make("span", "lk-mark");
    described.setAttribute("aria-describedby", (mark.id = item.id + "-mark"));
    return mark;
  };

  // The markup holds only what works without the script: the items, the
  // options or labels, the key. The controls are built here, from that markup.
  // An item's own nodes (after its letter) move into `box`, its text.
  const moveText = (item, box) => {
    const letter = item.querySelector(":scope > .lk-letter");
    box.append(...[...item.childNodes].filter((node) => node !== letter));
    return letter;
  };

  const matching = (widget, strings) => {
    const options = all(widget, ".lk-option").map(textOf);
    for (const item of all(widget, ".lk-item")) {
      const body = make("div", "lk-item__body");
      const text = make("div", "lk-item__text");
      const letter = moveText(item, text);
      letter.id = item.id + "-letter";
      text.id = item.id + "-text";
      const control = make("div", "lk-item__control");
      const select = make("select", "lk-select");
      select.id = item.id + "-select";
      select.setAttribute("aria-labelledby", `${letter.id} ${text.id}`);
      select.append(new Option(strings.choose, ""), ...options.map((option, i) => new Option(option, i + 1)));
      control.append(select, markFor(item, select));
      body.append(text, control);
      item.append(body);
    }
    exercise(widget, strings);
  };

  // Each statement becomes a group (fieldset) named by its text (legend).
  const labeling = (widget, strings) => {
    const labels = all(widget, ".lk-label");
    for (const item of all(widget, ".lk-statement")) {
      const group = make("fieldset", "lk-statement__group");
      const legend = make("legend", "lk-statement__text");
      legend.append(...item.childNodes);
      const choices = make("div", "lk-choices");
      labels.forEach((label, i) => {
        const choice = make("label", "lk-choice");
        const box = Object.assign(make("input"), { type: "checkbox", name: item.id + "-label", value: i + 1 });
        const text = make("span");
        text.append(...copyOf(label).childNodes);
        choice.append(box, " ", text);
        choices.append(choice);
      });
      choices.append(markFor(item, group));
      group.append(legend, choices);
      item.append(group);
    }
    exercise(widget, strings);
  };

  // Each item holds its choices (a select, or checkboxes) and its answer,
  // the set of right values in data-lk-answer.
  const judge = (item) => {
    const want = item.dataset.lkAnswer.split(" ");
    const got = all(item, "select, input:checked").map((el) => el.value).filter(Boolean);
    if (!got.length) return "empty";
    if (got.some((value) => !want.includes(value))) return "incorrect";
    return got.length < want.length ? "partly" : "correct";
  };

  // Check answers, Reset and the score (a polite live region), before the key.
  const exercise = (widget, strings) => {
    const items = all(widget, "[data-lk-answer]");
    const bar = make("div", "lk-actions");
    const status = make("p", "lk-score");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    bar.append(button("check", strings.check, "md-button--primary lk-check"), button("reset", strings.reset, "lk-reset"), status);
    widget.insertBefore(bar, widget.querySelector(":scope > .lk-answer"));
    const mark = (item, state) => {
      item.querySelector(".lk-mark").textContent = state ? strings[STRING[state]] : "";
      if (state) item.dataset.lkState = state;
      else delete item.dataset.lkState;
    };
    const actions = {
      check() {
        let right = 0;
        for (const item of items) {
          const state = judge(item);
          right += state === "correct";
          mark(item, state);
        }
        status.textContent = byCount(strings.score, right).replace("{correct}", right).replace("{total}", items.length);
      },
      reset() {
        for (const item of items) {
          all(item, "select").forEach((select) => (select.value = ""));
          all(item, "input").forEach((box) => (box.checked = false));
          mark(item, "");
        }
        status.textContent = "";
      },
    };
    widget.addEventListener("click", (event) => {
      const target = event.target.closest("[data-lk-action]");
      if (target) actions[target.dataset.lkAction]();
    });
    // A changed answer loses its mark, which no longer says anything about it.
    widget.addEventListener("change", (event) => mark(event.target.closest("[data-lk-answer]"), ""));
  };

  // Flashcards: each card becomes a button (named by its front) that flips
  // to its back; the back leaves its "Show answer" collapsible.
  const flashcards = (widget, strings) => {
    const bar = make("div", "lk-actions");
    const print = button("print", strings.print_flashcards, "lk-print");
    print.addEventListener("click", () => printCards(widget));
    bar.append(print);
    widget.before(bar);
    for (const card of all(widget, ".lk-card")) {
      const front = card.querySelector(".lk-card__front");
      const details = card.querySelector(":scope > details");
      const back = make("div", "lk-card__face lk-card__back");
      back.append(...[...details.childNodes].filter((node) => node.nodeName !== "SUMMARY"));
      const button = make("button", "lk-card__face lk-card__front");
      const turn = make("div", "lk-card__turn");
      const hint = make("span", "lk-card__hint");
      button.type = "button";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", (back.id = card.id + "-back"));
      // One box for the front's text: its inline parts (code, emphasis) stay one line.
      const text = make("span", "lk-card__text");
      text.append(...front.childNodes);
      all(text, "a").forEach((link) => link.replaceWith(...link.childNodes)); // no link inside a button
      button.append(text);
      hint.textContent = strings.flip_hint;
      hint.setAttribute("aria-hidden", "true");
      button.append(hint);
      turn.append(button, back);
      card.replaceChildren(turn);
      const flip = () => {
        const open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", open);
        card.classList.toggle("lk-flipped", open);
      };
      button.addEventListener("click", flip);
      back.addEventListener("click", (event) => {
        // The back turns the card too, unless the learner follows a link or selects text.
        if (event.target.closest("a") || String(getSelection())) return;
        flip();
        button.focus({ preventScroll: true });
      });
    }
  };

  // Print the cards and nothing else: a copy of them, the only thing printed,
  // one card per page (the stylesheet's print rules), removed after printing.
  const printCards = (widget) => {
    const root = document.documentElement;
    document.querySelector(".lk-sheet")?.remove();
    const sheet = make("div", "lk-sheet");
    for (const card of all(widget, ".lk-card")) {
      const page = make("div", "lk-sheet__card");
      for (const face of all(card, ".lk-card__face")) {
        const copy = make("div", face.matches("button") ? "lk-sheet__front" : "lk-sheet__back");
        copy.append(...[...face.cloneNode(true).childNodes].filter((node) => !node.classList?.contains("lk-card__hint")));
        page.append(copy);
      }
      sheet.append(page);
    }
    all(sheet, "[id]").forEach((el) => el.removeAttribute("id"));
    document.body.append(sheet);
    root.classList.add("lk-printing");
    addEventListener(
      "afterprint",
      () => {
        sheet.remove();
        root.classList.remove("lk-printing");
      },
      { once: true },
    );
    window.print();
  };

  const WIDGETS = { matching, labeling, flashcards };
  const bind = () => {
    const widgets = all(document, "[data-lk-widget]:not([data-lk-bound])");
    if (!widgets.length) return;
    // The site's strings come once per page, on the script's own tag.
    const strings = JSON.parse(document.querySelector("script[data-lk-strings]")?.dataset.lkStrings || "{}");
    for (const widget of widgets) {
      widget.dataset.lkBound = "";
      WIDGETS[widget.dataset.lkWidget]?.(widget, strings);
    }
  };

  window.lessonkit = { bind };
  if (window.document$) window.document$.subscribe(bind);
  else if (document.readyState === "loading") addEventListener("DOMContentLoaded", bind);
  else bind();
})();
