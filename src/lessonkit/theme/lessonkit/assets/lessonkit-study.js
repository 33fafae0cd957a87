/* lessonkit's study session, loaded (a module) when a study dialog first opens:
   not in lessonkit.js, whose size every practice page pays. */
// FSRS-6, default parameters and steps, as py-fsrs (no fuzz). A card: t state (1 learning,
// 2 review, 3 relearning), p step, s stability, d difficulty, l last review, u due.
const W = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542];
const MINUTE = 6e4, DAY = 864e5, DECAY = -W[20], FACTOR = 0.9 ** (1 / DECAY) - 1, E = Math.E;
const clampD = (d) => Math.min(Math.max(d, 1), 10);
const initD = (g) => W[4] - E ** (W[5] * (g - 1)) + 1;
const round = (x) => (x % 1 === 0.5 ? 2 * Math.round(x / 2) : Math.round(x)); // Python's round: half to even
export const fsrs = (card, g, now) => {
  const c = { t: 1, p: 0, ...card };
  const days = Math.floor((now - c.l) / DAY);
  if (c.s == null) [c.s, c.d] = [W[g - 1], clampD(initD(g))];
  else {
    const r = (1 + (FACTOR * Math.max(0, days)) / c.s) ** DECAY;
    const short = E ** (W[17] * (g - 3 + W[18])) * c.s ** -W[19];
    c.s = Math.max(0.001,
      days < 1 ? c.s * (g > 1 ? Math.max(1, short) : short)
      : g == 1 ? Math.min(W[11] * c.d ** -W[12] * ((c.s + 1) ** W[13] - 1) * E ** ((1 - r) * W[14]), c.s / E ** (W[17] * W[18]))
      : c.s * (1 + E ** W[8] * (11 - c.d) * c.s ** -W[9] * (E ** ((1 - r) * W[10]) - 1) * (g == 2 ? W[15] : 1) * (g == 4 ? W[16] : 1)));
    c.d = clampD(W[7] * initD(4) + (1 - W[7]) * (c.d + ((10 - c.d) * -W[6] * (g - 3)) / 9));
  }
  if (c.t == 2 && g == 1) [c.t, c.p] = [3, 0]; // a lapse: relearning
  const steps = c.t == 3 ? [10 * MINUTE] : [MINUTE, 10 * MINUTE];
  let next;
  if (c.t == 2 || g == 4 || (g > 1 && c.p >= steps.length) || (g == 3 && c.p + 1 == steps.length)) {
    c.t = 2;
    next = Math.min(Math.max(round((c.s / FACTOR) * FACTOR), 1), 36500) * DAY;
  } else if (g == 1) next = steps[(c.p = 0)];
  else if (g == 2) next = c.p ? steps[c.p] : steps.length > 1 ? (steps[0] + steps[1]) / 2 : steps[0] * 1.5;
  else next = steps[++c.p];
  return { ...c, l: now, u: now + next };
};

// The study session in a dialog lessonkit.js made (title, status, body, close), over `items`:
// elements of cards (.lk-card) and questions (.lk-question), of one set or several (on a review page, the
// group's .lk-from link is shown above its front: its set and section). The due ones
// and new cards, in due order (new last); a question is new until answered on its page. A step
// due within `AHEAD` (20 minutes, Anki's learn-ahead) comes back in the same session. At the end,
// what was studied, the next due time, "Study ahead" and "Practise all".
const AHEAD_DAYS = 7; // "Study ahead": what falls due within a week, soonest first
export const session = (parts) => (parts.dialog.lkStart ||= build(parts))(parts.items);

const build = ({ status, body, close, strings, lk }) => {
  const { make, button, entry } = lk, lang = document.documentElement.lang;
  const isCard = (el) => el.matches(".lk-card");
  const due = (el) => lk.dueOf(entry(el.dataset.lkId).c) ?? lk.TIME; // TIME: new
  const face = make("div");
  face.setAttribute("aria-live", "polite"); // each new item, and its back once turned
  const turn = button("turn", strings.flip_hint, "md-button--primary");
  turn.setAttribute("aria-keyshortcuts", "Space Enter");
  const rates = make("div", "lk-rates");
  const ins = ["again", "hard", "good", "easy"].map((name, i) => {
    const rating = button(name, strings[name], "");
    const span = make("span", "lk-rate__in"), key = make("kbd");
    key.textContent = i + 1;
    key.setAttribute("aria-hidden", "true"); // aria-keyshortcuts says it
    rating.setAttribute("aria-keyshortcuts", i + 1);
    rating.append(span, key);
    rating.addEventListener("click", () => rate(i + 1));
    rates.append(rating);
    return span;
  });
  const keys = make("p", "lk-study__keys");
  keys.textContent = strings.study_keys;
  keys.setAttribute("aria-hidden", "true"); // each control's aria-keyshortcuts says it
  const end = make("div", "lk-actions");
  const said = make("p");
  const ahead = button("ahead", strings.study_ahead, "md-button--primary");
  const practise = button("practise", strings.study_all, "");
  end.append(said, ahead, practise);
  body.replaceChildren(face, turn, rates, keys, end);
  // "<10m", "1d", "8d": an interval in the learner's language, as Anki shows it
  const unit = (n, name) => new Intl.NumberFormat(lang, { style: "unit", unit: name, maximumFractionDigits: 1,
    unitDisplay: name == "month" ? "short" : "narrow" }).format(n); // English's narrow month is "m"
  const interval = (ms) => ms < lk.AHEAD ? "<" + unit(Math.ceil(ms / MINUTE), "minute")
    : ms < 36e5 ? unit(Math.round(ms / MINUTE), "minute") : ms < DAY ? unit(Math.round(ms / 36e5), "hour")
    : ms < 31 * DAY ? unit(Math.round(ms / DAY), "day") : ms < 365 * DAY ? unit(ms / DAY / 30, "month") : unit(ms / DAY / 365, "year");
  let items, queue, mode, back, studied, again;
  const soon = (el) => due(el) < lk.TIME && due(el) < Date.now() + AHEAD_DAYS * DAY;
  const start = (kind) => {
    const now = Date.now();
    mode = kind;
    [studied, again] = [new Set(), 0];
    queue = items.filter(kind == "all" ? Boolean : kind == "ahead" ? soon
      : (el) => due(el) < now + lk.AHEAD || (due(el) == lk.TIME && isCard(el)));
    if (kind != "all") queue.sort((a, b) => due(a) - due(b));
    next();
  };
  const next = () => {
    const el = queue[0];
    face.replaceChildren();
    rates.hidden = true;
    turn.hidden = keys.hidden = !el;
    end.hidden = !!el;
    if (!el) return finish();
    status.textContent = strings[mode == "all" ? "study_practice" : "study_left"].replace("{count}", queue.length);
    const front = make("div", "lk-study__front");
    back = make("div", "lk-study__back");
    const [asked, answer] = isCard(el)
      ? [el.querySelector(".lk-card__text") || el.querySelector(".lk-card__front"), el.querySelector(".lk-card__back, details")]
      : [el, el.querySelector("details")];
    front.append(...[...asked.childNodes].filter((node) => node.nodeName != "DETAILS").map((node) => node.cloneNode(true)));
    back.append(...[...answer.childNodes].map((node) => node.cloneNode(true)));
    for (const node of front.querySelectorAll(".lk-card__label, .lk-card__hint, .headerlink")) node.remove();
    for (const node of back.querySelectorAll("summary, .lk-card__asked, .lk-actions")) node.remove();
    for (const node of [front, back].flatMap((side) => [...side.querySelectorAll("[id]")])) node.removeAttribute("id");
    back.hidden = true;
    const from = el.parentNode.querySelector(":scope > .lk-from"); // the review: where it comes from
    face.append(...(from ? [from.cloneNode(true)] : []), front, back);
    turn.focus();
  };
  const finish = () => {
    const when = Math.min(...items.map(due));
    status.textContent = strings.study_done.replace("{when}", when < lk.TIME ? new Date(when).toLocaleString(lang) : "\u2013");
    said.textContent = studied.size ? strings.study_summary.replace("{count}", studied.size).replace("{again}", again) : "";
    ahead.hidden = !items.some(soon);
    (ahead.hidden ? close : ahead).focus();
  };
  const flip = () => {
    const c = entry(queue[0].dataset.lkId).c, now = Date.now();
    ins.forEach((span, i) => (span.textContent = mode == "all" ? "" : interval(fsrs(c, i + 1, now).u - now)));
    back.hidden = false;
    turn.hidden = true;
    rates.hidden = false;
    rates.children[2].focus();
  };
  // A rating: a review (a question's, its "I knew it" or "Not yet" too); in practice, none.
  const rate = (rating) => {
    const el = queue.shift(), id = el.dataset.lkId;
    studied.add(id);
    again += rating == 1;
    if (mode == "all") {
      if (rating == 1) queue.push(el); // again, after the others
    } else {
      lk.change((now) => lk.set("e", id, { ...entry(id), c: fsrs(entry(id).c, rating, now), ...(isCard(el) ? {} : { k: +(rating > 1) }) }, now));
      if (due(el) < Date.now() + lk.AHEAD) queue.push(el); // learn-ahead, as Anki's: after the others
    }
    next();
  };
  turn.addEventListener("click", flip);
  ahead.addEventListener("click", () => start("ahead"));
  practise.addEventListener("click", () => start("all"));
  body.closest("dialog").addEventListener("keydown", (event) => {
    if (!rates.hidden && /^[1-4]$/.test(event.key)) rate(+event.key);
    else if (!turn.hidden && /^( |Enter)$/.test(event.key) && event.target != close) flip();
    else return;
    event.preventDefault();
  });
  return (list) => {
    items = list;
    start("due");
  };
};
