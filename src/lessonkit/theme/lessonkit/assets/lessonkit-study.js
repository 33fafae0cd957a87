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
