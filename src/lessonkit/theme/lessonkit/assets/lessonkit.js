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
  const byCount = (t, n) => t[new Intl.PluralRules(document.documentElement.lang).select(n)] ?? t.other ?? t;

  // Progress: localStorage only (the record, its rules: CONTRIBUTING.md). Of two tabs' reviews
  // of a card, the later wins.
  const VERSION = 2, TIME = 6e12; // ms, up to the year 2160
  const isMap = (value) => value && typeof value == "object" && !Array.isArray(value);
  const num = (x, low, high) => typeof x == "number" && x >= low && x <= high;
  const int = (x, low, high) => Number.isInteger(x) && num(x, low, high);
  const own = (map, id) => (Object.hasOwn(map, id) ? map[id] : undefined);
  const BAD_KEY = /^(__proto__|constructor|prototype)$/;
  // held: why progress is in memory only: "failed" (a write threw), "newer" or "other" (a later
  // version's or another course's record, never overwritten).
  let course = {}, key, progress, held, heldName;
  const fresh = (f = -1) => (progress = { f, e: {}, x: {} });
  const entry = (id) => own(progress.e, id) || {};
  const check = (id) => own(progress.x, id) || {};

  // Read back: each value checked; an invalid entry dropped alone; unknown ids kept.
  const isCard = (c) => isMap(c) && int(c.t, 1, 3) && int(c.p, 0, 2) && num(c.s, 0.001, 36500)
    && num(c.d, 1, 10) && num(c.l, 0, TIME) && num(c.u, c.l, TIME);
  const entryOf = ({ w, a, k, c } = {}) =>
    num(w, 0, TIME) && (a === undefined || /^\d{1,3}( \d{1,3}){0,50}$/.test(a))
    && (k === undefined || k === 0 || k === 1) && (c === undefined || isCard(c))
      ? { w, a, k, c } : null;
  const checkOf = ({ w, r, m, s } = {}) => {
    if (!num(w, 0, TIME) || !(r === undefined || int(r, 0, 1e4))) return null;
    const marks = {};
    for (const id in isMap(m) ? m : {}) if (own(STRING, m[id]) && !BAD_KEY.test(id)) marks[id] = m[id];
    return r === undefined ? { w } : { w, r, m: marks, s: int(s, 0, 1e4) ? s : undefined };
  };
  const cleaned = (map, of, old) => {
    const out = {};
    for (const id in isMap(map) ? map : {}) {
      const value = !BAD_KEY.test(id) && of((old ? old(map[id]) : map[id]) || 0);
      if (value) out[id] = value;
    }
    return out;
  };
  // A record as {f, e, x}; or "newer", "other", or null (not progress).
  const recordOf = (data) => {
    if (!isMap(data)) return null;
    if (data.v > VERSION) return "newer";
    const old = data.v === 1; // issue 11's: no times (0, a card's last review), course: root path
    if (old ? data.course !== course.root : data.v !== VERSION) return null;
    if (!old && data.course !== course.id) return "other";
    return {
      f: num(data.f, -1, TIME) ? data.f : -1,
      e: cleaned(data.e, entryOf, old && ((v) => (isMap(v) ? { w: v.l, c: v } : { w: 0, [typeof v == "string" ? "a" : "k"]: v }))),
      x: cleaned(data.x, checkOf, old && ((v) => ({ ...v, w: 0 }))),
    };
  };
  // The newer change of each entry wins; a Forget (f) drops what is older.
  const merge = (into, from) => {
    into.f = Math.max(into.f, from.f);
    for (const part of ["e", "x"]) {
      for (const id in from[part]) if (!(own(into[part], id)?.w >= from[part][id].w)) into[part][id] = from[part][id];
      for (const id in into[part]) if (into[part][id].w <= into.f) delete into[part][id];
    }
  };
  const sync = () => {
    let data;
    try {
      data = JSON.parse(localStorage.getItem(key));
    } catch {}
    const found = recordOf(data);
    if (typeof found == "string") [held, heldName] = [found, data.name];
    else {
      if (held != "failed") held = null;
      if (found) merge(progress, found);
    }
  };
  const record = () => ({ v: VERSION, course: course.id, name: course.name, ...progress });
  const write = () => {
    if (held == "newer" || held == "other") return;
    try {
      localStorage.setItem(key, JSON.stringify(record()));
      held = null;
    } catch {
      held = "failed";
    }
  };
  const show = (selector = "[data-lk-bound], .lk-summary, .lk-next, .lk-tools") => all(document, selector).forEach((el) => el.lkShow?.());
  // A change: made on what is stored now, stored, shown everywhere.
  const change = (edit) => {
    sync();
    edit(Date.now());
    write();
    show();
  };
  // Newer than what it replaces and the last Forget, whatever another clock said.
  const set = (part, id, value, now) =>
    (progress[part][id] = { ...value, w: Math.max(now, progress.f + 1, (own(progress[part], id)?.w ?? 0) + 1) });
  addEventListener("storage", (event) => {
    if (key && event.key == key) {
      sync();
      show();
    }
  });
  const text = (el, value) => el.textContent != value && (el.textContent = value);

  // A text's copy for a control: no note, link or id.
  const copyOf = (el) => {
    const copy = el.cloneNode(true);
    all(copy, ".lk-note, .lk-number, .headerlink").forEach((node) => node.remove());
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

  // The controls are built from the markup; an item's nodes move into `box`.
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
      const many = item.dataset.lkAnswer.split(" ").length; // said in the group's name
      if (many > 1) legend.append(` (${strings.choose_labels.replace("{count}", many)})`);
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

  // Multiple choice: each question's options become radio buttons (one right option) or
  // checkboxes (several), in a group named by the question; the values are the options'
  // numbers in the file, whatever order shuffle shows them in (the same order all visit).
  const ORDER = {};
  const multipleChoice = (widget, strings) => {
    for (const item of all(widget, ".lk-mc-question")) {
      const single = !item.dataset.lkAnswer.includes(" ");
      const question = item.querySelector(".lk-mc-text");
      question.id = item.id + "-text";
      const group = make("fieldset", "lk-statement__group");
      group.setAttribute("aria-labelledby", question.id);
      const choices = make("div", "lk-choices");
      const list = item.querySelector(".lk-mc-options");
      const options = all(list, ".lk-mc-option").map((option, i) => {
        const choice = make("label", "lk-choice");
        const box = Object.assign(make("input"), { type: single ? "radio" : "checkbox", name: item.id + "-option", value: i + 1 });
        const text = make("span");
        text.append(...option.childNodes);
        choice.append(box, " ", text);
        return choice;
      });
      let order = ORDER[item.id];
      if (!order) {
        order = ORDER[item.id] = options.map((_, i) => i);
        if (widget.hasAttribute("data-lk-shuffle"))
          for (let i = order.length - 1; i > 0; i--) {
            const j = Math.floor(Math.random() * (i + 1));
            [order[i], order[j]] = [order[j], order[i]];
          }
      }
      choices.append(...order.map((i) => options[i]), markFor(item, group));
      group.append(choices);
      const said = make("div", "lk-mc-feedback");
      list.replaceWith(group, said);
    }
    exercise(widget, strings);
    // After a check: under each marked question, the chosen options' feedback and the explanation.
    const shown = widget.lkShow;
    widget.lkShow = () => {
      shown();
      for (const item of all(widget, ".lk-mc-question")) {
        const said = item.querySelector(".lk-mc-feedback");
        const key = widget.querySelector(`[data-lk-key="${item.dataset.lkId}"]`);
        const parts = !item.dataset.lkState || !key ? []
          : [...all(item, "input:checked").map((box) => key.querySelector(`[data-lk-option="${box.value}"]`)), key.querySelector(".lk-mc-why")];
        said.replaceChildren(...parts.filter(Boolean).map((part) => {
          const copy = make("p");
          copy.append(...copyOf(part).childNodes);
          return copy;
        }));
      }
    };
    widget.lkShow();
  };

  // An item's choices (select or checkboxes); its right values in data-lk-answer. Labeling
  // counts labels: some right is partly right, even with wrong ones.
  const tally = (item) => {
    const want = item.dataset.lkAnswer.split(" ");
    const got = all(item, "select, input:checked").map((el) => el.value).filter(Boolean);
    const right = got.filter((value) => want.includes(value)).length;
    return { want, got, right, wrong: got.length - right };
  };
  const judge = (item, labels) => {
    const { want, got, right, wrong } = tally(item);
    if (!got.length) return "empty";
    if (labels) return right == want.length && !wrong ? "correct" : right ? "partly" : "incorrect";
    if (got.some((value) => !want.includes(value))) return "incorrect";
    return got.length < want.length ? "partly" : "correct";
  };

  // Check answers, Reset and the score (a polite live region), before the key.
  const exercise = (widget, strings) => {
    const items = all(widget, "[data-lk-answer]");
    const section = widget.dataset.lkSection;
    const bar = make("div", "lk-actions");
    const status = make("p", "lk-score");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    bar.append(button("check", strings.check, "md-button--primary lk-check"), button("reset", strings.reset, "lk-reset"), status);
    widget.insertBefore(bar, widget.querySelector(":scope > .lk-answer"));
    // Matching, labeling: under a wrong or missing item, after a check, its right answer and why.
    const names = all(widget, ".lk-option, .lk-label").map(textOf);
    if (names.length) items.forEach((item) => (item.querySelector(".lk-item__body") || item).append(make("p", "lk-fix")));
    const fixOf = (item) => {
      const right = make("strong"), why = widget.querySelector(`[data-lk-key="${item.dataset.lkId}"] .lk-why`);
      right.textContent = strings.right_answer.replace("{answer}", item.dataset.lkAnswer.split(" ").map((n) => names[n - 1]).join(", "));
      return why ? [right, " ", ...copyOf(why).childNodes] : [right];
    };
    const labels = widget.matches(".lk-labeling");
    const said = (item, state) => {
      if (!labels || state != "partly") return strings[STRING[state]];
      const { want, right, wrong } = tally(item);
      return strings[wrong ? "partly_labels_wrong" : "partly_labels"].replace("{right}", right).replace("{total}", want.length).replace("{wrong}", wrong);
    };
    const mark = (item, state) => {
      text(item.querySelector(".lk-mark"), state ? said(item, state) : "");
      if (state) item.dataset.lkState = state;
      else delete item.dataset.lkState;
      item.querySelector(".lk-fix")?.replaceChildren(...(state && state != "correct" ? fixOf(item) : []));
    };
    // Labeling's score: each item's right labels less its wrong ones (not under 0), of all right labels.
    const score = (right, credit) => labels && credit != null
      ? strings.score_labels.replace("{correct}", credit).replace("{total}", items.reduce((n, item) => n + tally(item).want.length, 0))
      : byCount(strings.score, right).replace("{correct}", right).replace("{total}", items.length);
    const chosen = (item) => all(item, "select, input:checked").map((el) => el.value).filter(Boolean).join(" ");
    const actions = {
      check() {
        const marks = {};
        let right = 0, credit = 0;
        for (const item of items) {
          const state = judge(item, labels), { right: r, wrong } = tally(item);
          right += state === "correct";
          credit += Math.max(0, r - wrong);
          mark(item, (marks[item.dataset.lkId] = state));
        }
        status.textContent = score(right, labels ? credit : null); // said at each check
        change((now) => set("x", section, { r: right, m: marks, s: labels ? credit : undefined }, now));
      },
      reset: () =>
        change((now) => {
          items.forEach((item) => set("e", item.dataset.lkId, { ...entry(item.dataset.lkId), a: undefined }, now));
          set("x", section, {}, now);
        }),
    };
    widget.lkShow = () => {
      const last = check(section);
      const checked = int(last.r, 0, items.length); // a count within the section's size
      // An answer changed since the check: its mark goes, the others and the score are out of date.
      const changed = (item) => entry(item.dataset.lkId).w > last.w;
      const stale = checked && items.some(changed);
      widget.classList.toggle("lk-stale", stale);
      for (const item of items) {
        const kept = (entry(item.dataset.lkId).a ?? "").split(" ");
        all(item, "select").forEach((select) => {
          select.value = kept[0];
          if (select.selectedIndex < 0) select.value = "";
        });
        all(item, "input").forEach((box) => (box.checked = kept.includes(box.value)));
        mark(item, (checked && !changed(item) && own(last.m, item.dataset.lkId)) || "");
      }
      const line = checked && score(last.r, last.s);
      text(status, checked ? (stale ? strings.stale.replace("{score}", line) : line) : "");
    };
    widget.addEventListener("click", (event) => {
      const target = event.target.closest("[data-lk-action]");
      if (target) actions[target.dataset.lkAction]();
    });
    // A changed answer, later than the check (lkShow: its mark goes, the score is out of date).
    widget.addEventListener("change", (event) => {
      const item = event.target.closest("[data-lk-answer]");
      const id = item.dataset.lkId;
      if (chosen(item) == (entry(id).a ?? "")) return; // the same answer again
      change((now) => set("e", id, { ...entry(id), a: chosen(item) || undefined }, Math.max(now, (check(section).w ?? 0) + 1)));
    });
    widget.lkShow();
  };

  // Self-check: under each answer, "I knew it" and "Not yet" (toggle buttons), each a review of
  // the question (Good, Again) in the cards' schedule: a question comes back in its study dialog.
  const selfCheck = (widget, strings) => {
    const questions = all(widget, ".lk-question");
    const bar = make("div", "lk-actions"), stand = widget.previousElementSibling;
    stand?.matches("[data-lk-stand]") ? stand.replaceWith(bar) : widget.before(bar); // in its stand-in's place
    opener(widget, bar, strings, strings.study_questions, () => questions);
    const shows = questions.map((question) => {
      const id = question.dataset.lkId;
      const bar = make("div", "lk-actions");
      const choices = [button("knew", strings.knew, ""), button("not-yet", strings.not_yet, "")];
      bar.append(...choices);
      question.querySelector(":scope > .lk-answer").append(bar);
      choices.forEach((choice, index) =>
        choice.addEventListener("click", async () => {
          const value = 1 - index; // "I knew it" keeps 1, "Not yet" 0; pressed again, nothing
          const fsrs = await studyFile().then((file) => file.fsrs, () => null); // without it: not scheduled
          change((now) => {
            const was = entry(id), again = was.k === value;
            set("e", id, { ...was, k: again ? undefined : value, c: again || !fsrs ? was.c : fsrs(was.c, value ? 3 : 1, now) }, now);
          });
        }),
      );
      const show = () => choices.forEach((choice, value) => choice.setAttribute("aria-pressed", entry(id).k === 1 - value));
      return show;
    });
    (widget.lkShow = () => shows.forEach((show) => show()))();
  };

  // Open tasks (type exercise): a task's "Done" (a toggle, kept as the entry's k like "I knew it") once its answer
  // is open; the section's check counts the tasks done, a task without an answer as done.
  const openTasks = (widget, strings) => {
    const section = widget.dataset.lkSection, tasks = all(widget, ".lk-task");
    const shows = tasks.map((task) => {
      const id = task.dataset.lkId, details = task.querySelector(":scope > details");
      if (!details) return () => {};
      const done = button("done", strings.task_done, ""), bar = make("div", "lk-actions");
      bar.append(done);
      details.append(bar);
      done.addEventListener("click", () => change((now) => {
        set("e", id, { ...entry(id), k: entry(id).k ? undefined : 1 }, now);
        set("x", section, { r: tasks.filter((t) => !t.querySelector(":scope > details") || entry(t.dataset.lkId).k).length }, now);
      }));
      return () => done.setAttribute("aria-pressed", entry(id).k === 1);
    });
    (widget.lkShow = () => shows.forEach((show) => show()))();
  };

  // Flashcards: a card becomes a button (named by its front) that turns to its back.
  const flashcards = (widget, strings) => {
    const bar = make("div", "lk-actions");
    const print = button("print", strings.print_flashcards, "lk-print");
    print.addEventListener("click", () => printCards(widget));
    bar.append(print);
    widget.before(bar);
    opener(widget, bar, strings, strings.study, () => all(widget, ".lk-card"));
    for (const card of all(widget, ".lk-card")) {
      const front = card.querySelector(".lk-card__front");
      const details = card.querySelector(":scope > details");
      const back = make("div", "lk-card__face lk-card__back");
      const asked = make("div", "lk-card__asked"); // the front, kept in view above the back
      asked.setAttribute("aria-hidden", "true"); // the button before it says it
      back.append(asked, ...[...details.childNodes].filter((node) => node.nodeName !== "SUMMARY"));
      const button = make("button", "lk-card__face lk-card__front");
      const turn = make("div", "lk-card__turn");
      const hint = make("span", "lk-card__hint");
      button.type = "button";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", (back.id = card.id + "-back"));
      // One box for the front's text: code, emphasis stay inline.
      const text = make("span", "lk-card__text");
      text.append(...front.childNodes);
      all(text, "a").forEach((link) => link.replaceWith(...link.childNodes)); // no link inside a button
      button.append(text);
      asked.append(...copyOf(text).childNodes);
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
        // The back turns it too, but not on a link or a selection.
        if (event.target.closest("a") || String(getSelection())) return;
        flip();
        button.focus({ preventScroll: true });
      });
    }
  };

  // The study session and its scheduler (FSRS-6) are in lessonkit-study.js, beside this file:
  // loaded when a study dialog first opens, or at the first "I knew it".
  const HERE = document.currentScript?.src;
  let studying;
  const studyFile = () => (studying ||= import(new URL("lessonkit-study.js", HERE)).catch((error) => {
    studying = null; // tried again next time
    throw error;
  }));
  // Due: a review all its day, from the course's day start (4 a.m., as Anki); a step to the minute.
  const dueOf = (c, hour = course.day) => (c?.t == 2 ? new Date(c.u - hour * 36e5).setHours(hour, 0, 0, 0) : c?.u);
  // What the study file uses of this one.
  const lk = { all, make, button, copyOf, entry, set, change, dueOf, byCount, AHEAD: 12e5, TIME };
  let dialogs = 0;

  // A study dialog over the items `items()` gives: elements of cards (.lk-card) and questions
  // (.lk-question) as the templates render them, of any set (the session: lessonkit-study.js).
  const studyDialog = (name, strings, items) => {
    const dialog = make("dialog", "lk-study");
    const title = make("h2");
    title.id = "lk-study-" + ++dialogs;
    title.textContent = name;
    dialog.setAttribute("aria-labelledby", title.id);
    const status = make("p");
    status.setAttribute("role", "status");
    const body = make("div");
    const close = button("close", strings.close, "");
    close.addEventListener("click", () => dialog.close());
    dialog.append(title, status, body, close);
    const open = async () => {
      dialog.showModal();
      try {
        (await studyFile()).session({ dialog, status, body, close, items: items(), strings, lk });
      } catch {
        body.replaceChildren();
        text(status, strings.study_failed);
        close.focus();
      }
    };
    return { dialog, open };
  };

  // A widget's study button (first in its bar) and dialog, named by the section's heading.
  const opener = (widget, bar, strings, label, items) => {
    let heading = widget;
    while ((heading = heading.previousElementSibling) && heading.tagName != "H2");
    const { dialog, open } = studyDialog(strings.study_title.replace("{title}", heading ? textOf(heading) : ""), strings, items);
    const go = button("study", label, "md-button--primary");
    go.setAttribute("aria-haspopup", "dialog");
    go.addEventListener("click", open);
    bar.prepend(go);
    bar.after(dialog);
  };

  // One line: exercises all right at the last check, questions known, cards due.
  // Then how many questions and cards have come back ([line, due part]).
  const standing = (sections, strings) => {
    const now = Date.now();
    const count = {};
    let due = 0;
    const add = (kind, part, total) => (count[kind] = [part + (count[kind]?.[0] || 0), total + (count[kind]?.[1] || 0)]);
    for (const [section, kind, ids] of sections) {
      if (kind != "exercises") due += ids.filter((id) => dueOf(entry(id).c) <= now).length;
      if (kind == "questions") add(kind, ids.filter((id) => entry(id).k === 1).length, ids.length);
      else if (kind == "cards") add(kind, ids.filter((id) => dueOf(entry(id).c) <= now).length, ids.length); // new: not due
      else add("exercises", +(check(section).r === ids.length), 1);
    }
    return [["exercises", "questions", "cards"]
      .filter((kind) => count[kind])
      .map((kind) => strings["summary_" + kind].replace("{count}", count[kind][0]).replace("{total}", count[kind][1]))
      .join(" \u00b7 "), due ? " \u00b7 " + strings.summary_due.replace("{count}", due) : ""];
  };

  // What to do next: cards due, the first exercise not done, new cards, each a link to its place
  // (data-lk-places: each section's heading; the course's line: its review page, if any).
  const todo = (items, now = Date.now()) => {
    const t = { next_due: [0], next_exercises: [0], next_new: [0] }; // count, first place
    const add = (name, n, at) => n && ((t[name][0] += n), (t[name][1] ??= at));
    for (const item of items) {
      const page = item.querySelector("a").href.split("#")[0];
      const places = JSON.parse(item.dataset.lkPlaces || "[]").map((place) => page + place);
      JSON.parse(item.dataset.lkSections).forEach(([section, kind, ids], i) => {
        if (kind == "exercises") add("next_exercises", +(check(section).r !== ids.length), places[i]);
        else add("next_due", ids.filter((id) => dueOf(entry(id).c) <= now).length, places[i]); // cards, questions
        if (kind == "cards") add("next_new", ids.filter((id) => !entry(id).c).length, places[i]);
      });
    }
    return t;
  };
  const link = (href, text) => Object.assign(make("a"), { href, textContent: text });
  const steps = (line, items, strings, review, prefix = "") => {
    line.removeAttribute("data-lk-text");
    (line.lkShow = () => {
      const t = held ? 0 : todo(items), said = JSON.stringify(t), nodes = [];
      if (line.lkSaid == said) return; // unchanged: its links stay as they are (focus)
      line.lkSaid = said;
      for (const name in t) {
        const [n, at] = t[name];
        if (!n) continue;
        const [before, after] = byCount(strings[name], n).replace("{count}", n).split("{review}");
        const href = review && name != "next_exercises" ? review : at;
        nodes.push(nodes.length ? " \u00b7 " : "", ...(after == null ? [link(href, before)] : [before, link(href, strings.review), after]));
      }
      line.replaceChildren(...(t ? [prefix, ...(nodes.length ? nodes : [strings.next_none])] : ["\u00a0"]));
    })();
  };

  // The course's review (review.html): one study session over every set's cards, each with where it is from.
  const review = (widget, strings) => {
    const items = all(widget, ".lk-card, .lk-question");
    const { dialog, open } = studyDialog(strings.review_title.replace("{course}", course.name), strings, () => items);
    const go = button("study", strings.review_start, "md-button--primary");
    go.setAttribute("aria-haspopup", "dialog");
    go.addEventListener("click", open);
    const bar = make("div", "lk-actions");
    bar.append(go);
    widget.prepend(bar, dialog);
  };

  // A file: refused if over 2 MB, not JSON, nested deeper than a record, or with a prototype's key.
  const readFile = async (file) => {
    let bad = !file || file.size > 2 ** 21, data;
    const deep = (value, depth) => depth > 6 || (value && typeof value == "object" && Object.values(value).some((v) => deep(v, depth + 1)));
    try {
      data = bad || JSON.parse(await file.text(), (name, value) => ((bad ||= BAD_KEY.test(name)), value));
    } catch {}
    return bad || deep(data, 0) ? null : data;
  };

  // Forget, Save, Load. A loaded file is data: nothing in it becomes HTML.
  const tools = (strings) => {
    const box = make("div", "lk-actions lk-tools");
    const note = make("p");
    const status = make("p");
    status.setAttribute("role", "status");
    const file = Object.assign(make("input"), { type: "file", accept: ".json", hidden: true });
    const ask = make("dialog", "lk-study");
    const question = make("p");
    ask.setAttribute("aria-label", strings.load);
    ask.append(question, button("merge", strings.load_merge, "md-button--primary"), button("cancel", strings.cancel, ""));
    let loading;
    const say = (text) => {
      show();
      status.textContent = text;
    };
    const actions = {
      forget() {
        if (!confirm(strings.forget_confirm)) return;
        sync();
        fresh(// later than every change kept: other tabs drop them too
          Math.max(Date.now(), ...[...Object.values(progress.e), ...Object.values(progress.x)].map((v) => v.w + 1)));
        held = null; // the learner's choice: replaces a record kept as it was
        write();
        say(held ? "" : strings.forgotten);
      },
      save() {
        sync();
        const link = make("a");
        const day = new Date(Date.now() - new Date().getTimezoneOffset() * 6e4).toISOString().slice(0, 10);
        link.download = `${course.id}-progress-${day}.json`;
        link.href = URL.createObjectURL(new Blob([JSON.stringify(record())], { type: "application/json" }));
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href));
      },
      load: () => file.click(),
      merge() {
        ask.close();
        change(() => merge(progress, loading));
        say(held ? "" : strings.loaded);
      },
      cancel: () => ask.close(),
    };
    file.addEventListener("change", async () => {
      const data = await readFile(file.files[0]);
      file.value = "";
      sync();
      loading = data && recordOf(data);
      if (loading == "other")
        return say(strings.load_other_course.replace("{file}", String(data.name ?? data.course).slice(0, 200)).replace("{course}", course.name));
      if (!isMap(loading)) return say(strings.load_refused);
      // Against what is here; what was forgotten here comes back, not the file's Forget.
      let added = 0, updated = 0, kept = 0;
      loading.f = -1;
      for (const part of ["e", "x"])
        for (const id in loading[part]) {
          const there = loading[part][id], here = own(progress[part], id);
          there.w = Math.max(there.w, progress.f + 1);
          if (!here) added += (there.a ?? there.k ?? there.c ?? there.r) !== undefined; // a clearing adds nothing
          else if (there.w > here.w) updated++;
          else kept += there.w < here.w;
        }
      question.textContent = strings.load_preview.replace("{added}", added).replace("{updated}", updated).replace("{kept}", kept);
      status.textContent = "";
      ask.showModal();
    });
    // Why the progress is in memory only, said once, where the summary is.
    (box.lkShow = () => text(note, held ? strings["held_" + held].replace("{course}", heldName) : strings.progress_note))();
    box.append(note, ...["forget", "save", "load"].map((action) => button(action, strings[action], "")), file, status, ask);
    box.addEventListener("click", (event) => actions[event.target.closest("[data-lk-action]")?.dataset.lkAction]?.());
    return box;
  };

  // Each set's summary and the tools' stand-in, in the page at their size: filled, nothing moves.
  const standings = (strings) => {
    for (const line of all(document, "[data-lk-sections] .lk-summary")) {
      const sections = JSON.parse(line.closest("[data-lk-sections]").dataset.lkSections);
      line.removeAttribute("data-lk-text");
      const room = line.dataset.lkDue; // the due part's room, kept while it is not said (standing.py)
      (line.lkShow = () => {
        const [said, due] = held ? ["\u00a0", ""] : standing(sections, strings);
        text(line, said + (line.nextElementSibling?.matches(".lk-next") ? "" : due)); // a list's next line says it
        if (room != null) line.dataset.lkDue = due ? "" : room;
      })();
    }
    all(document, "[data-lk-sections] .lk-next").forEach((line) => steps(line, [line.parentNode], strings));
    for (const line of all(document, ".lk-next--course"))
      steps(line, all(line.nextElementSibling, "[data-lk-sections]"), strings, line.querySelector("a")?.href, strings.next_course + ": ");
    all(document, ".lk-tools[aria-hidden]").forEach((stand) => stand.replaceWith(tools(strings)));
  };

  // Print a copy of the cards only, one a page (see the print rules).
  const printCards = (widget) => {
    const root = document.documentElement;
    document.querySelector(".lk-sheet")?.remove();
    const sheet = make("div", "lk-sheet");
    for (const card of all(widget, ".lk-card")) {
      const page = make("div", "lk-sheet__card");
      for (const face of all(card, ".lk-card__face")) {
        const copy = make("div", face.matches("button") ? "lk-sheet__front" : "lk-sheet__back");
        copy.append(...[...face.cloneNode(true).childNodes].filter((node) => !node.matches?.(".lk-card__hint, .lk-card__asked")));
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

  const WIDGETS = { matching, labeling, flashcards, "self-check": selfCheck, "multiple-choice": multipleChoice, exercise: openTasks, review };
  const bind = () => {
    const widgets = all(document, "[data-lk-widget]:not([data-lk-bound])");
    if (!widgets.length) return;
    // The strings and the course's identity, once per page.
    const el = document.querySelector("[data-lk-strings]");
    const strings = JSON.parse(el?.dataset.lkStrings || "{}");
    const root = new URL(el?.dataset.lkRoot ?? "./", location.href).pathname;
    if (root + ".lessonkit" != key) {
      course = { root, id: el?.dataset.lkCourse || "course", name: el?.dataset.lkCourseName || "", day: +(el?.dataset.lkDayStart ?? 4) };
      key = root + ".lessonkit";
      fresh();
    }
    sync(); // afresh on every page: another page may have changed it
    for (const widget of widgets) {
      widget.dataset.lkBound = "";
      WIDGETS[widget.dataset.lkWidget]?.(widget, strings);
    }
    standings(strings);
    // The worksheet's link becomes a button that prints the page as one (lessonkit/worksheet.py).
    for (const link of all(document, ".lk-worksheet > a")) {
      const print = button("worksheet", link.textContent, "");
      print.onclick = () => {
        const html = document.documentElement;
        html.classList.add("lk-ws");
        addEventListener("afterprint", () => html.classList.remove("lk-ws"), { once: true });
        window.print();
      };
      link.replaceWith(print);
    }
  };

  window.lessonkit = { bind };
  if (window.document$) window.document$.subscribe(bind);
  else if (document.readyState === "loading") addEventListener("DOMContentLoaded", bind);
  else bind();
})();
