/* lessonkit: what the practice widgets do. One file, no dependencies.
   The markup works without it; this binds each widget once, on load and
   after each instant navigation of Material for MkDocs (window.document$). */
(() => {
  "use strict";
  if (window.lessonkit) return; // instant navigation runs this file again: bind once
  const all = (root, selector) => [...root.querySelectorAll(selector)];
  const make = (tag, className) => Object.assign(document.createElement(tag), { className });
  const STRING = { correct: "correct", partly: "partly_right", incorrect: "incorrect", empty: "no_answer" };

  // Matching and labeling: each item holds its choices (a select, or
  // checkboxes) and its answer, the set of right values in data-lk-answer.
  const judge = (item) => {
    const want = item.dataset.lkAnswer.split(" ");
    const got = all(item, "select, input:checked").map((el) => el.value).filter(Boolean);
    if (!got.length) return "empty";
    if (got.some((value) => !want.includes(value))) return "incorrect";
    return got.length < want.length ? "partly" : "correct";
  };

  const exercise = (widget, strings) => {
    const items = all(widget, "[data-lk-answer]");
    const status = widget.querySelector("[role=status]");
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
        status.textContent = strings.score.replace("{correct}", right).replace("{total}", items.length);
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
      const button = event.target.closest("[data-lk-action]");
      if (button) actions[button.dataset.lkAction]();
    });
    // A changed answer loses its mark, which no longer says anything about it.
    widget.addEventListener("change", (event) => mark(event.target.closest("[data-lk-answer]"), ""));
  };

  // Flashcards: each card becomes a button (named by its front) that flips
  // to its back; the back leaves its "Show answer" collapsible.
  const flashcards = (widget, strings) => {
    for (const card of all(widget, ".lk-card")) {
      const front = card.querySelector(".lk-card__front");
      const back = card.querySelector(".lk-card__back");
      const button = make("button", "lk-card__face lk-card__front");
      const turn = make("div", "lk-card__turn");
      const hint = make("span", "lk-card__hint");
      button.type = "button";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", (back.id = card.id + "-back"));
      button.append(...front.childNodes);
      all(button, "a").forEach((link) => link.replaceWith(...link.childNodes)); // no link inside a button
      hint.textContent = strings.flip_hint;
      hint.setAttribute("aria-hidden", "true");
      button.append(hint);
      back.classList.add("lk-card__face");
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
    widget.addEventListener("click", (event) => {
      if (event.target.closest("[data-lk-action=print]")) printCards(widget);
    });
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

  const WIDGETS = { matching: exercise, labeling: exercise, flashcards };
  const bind = () => {
    for (const widget of all(document, "[data-lk-widget]:not([data-lk-bound])")) {
      widget.dataset.lkBound = "";
      const setUp = WIDGETS[widget.dataset.lkWidget];
      if (!setUp) continue;
      setUp(widget, JSON.parse(widget.dataset.lkStrings));
      all(widget, "[data-lk-js]").forEach((control) => (control.hidden = false));
    }
  };

  window.lessonkit = { bind };
  if (window.document$) window.document$.subscribe(bind);
  else if (document.readyState === "loading") addEventListener("DOMContentLoaded", bind);
  else bind();
})();
