// nato-records explorer: a dashboard built on the public API only (no libraries, no CDN).
"use strict";

const BODIES = ["foreign_ministers", "defence_ministers", "summit", "other"];
const BODY_NAMES = {
  foreign_ministers: "Foreign ministers", defence_ministers: "Defence ministers", summit: "Summit", other: "Other",
};
const KINDS = ["agreed", "decided", "approved", "adopted", "tasked", "postponed", "reaffirmed", "other"];
const KIND_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"];
const SVG = "http://www.w3.org/2000/svg";

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function allPages(path) {
  const items = [];
  let cursor = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const page = await api(path + separator + "limit=1000" + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

let topicsPromise = null;
function topics() {
  // The vocabulary with its labels and counts, fetched once per page load.
  topicsPromise ||= api("/v1/topics").then((page) => Object.fromEntries(page.items.map((t) => [t.slug, t])));
  return topicsPromise;
}

function chips(slugs, labels) {
  return el("span", { class: "chips" }, slugs.map((slug) => el("a", {
    class: "chip", href: `#/topic/${slug}`, "data-topic": slug,
    onclick: (event) => event.stopPropagation(),  // a chip in a clickable row opens the topic, not the row
  }, labels[slug] ? labels[slug].label_en : slug)));
}

function el(tag, attributes = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "onclick") node.addEventListener("click", value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(child));
  return node;
}

function bodyTag(body) {
  return el("span", { class: "body-tag", style: `background: var(--${body})` }, BODY_NAMES[body] || body);
}

function legend(entries) {
  return el("div", { class: "legend" },
    entries.map(([name, colour]) => el("span", {}, el("i", { style: `background:${colour}` }), name)));
}

// --- overview -------------------------------------------------------------------------------------

function drawTimeline(meetings) {
  const box = document.getElementById("timeline");
  box.replaceChildren();
  if (!meetings.length) { box.append(el("p", { class: "muted" }, "No meetings yet.")); return; }
  const years = meetings.map((m) => Number(m.start_date.slice(0, 4)));
  const first = Math.min(...years), last = Math.max(...years) + 1;
  const width = 640, rowHeight = 34, left = 120, height = rowHeight * BODIES.length + 30;
  const x = (day) => left + ((new Date(day) - new Date(`${first}-01-01`)) / (new Date(`${last}-01-01`) - new Date(`${first}-01-01`))) * (width - left - 10);
  const svg = el("svg:svg", { viewBox: `0 0 ${width} ${height}`, role: "img" });
  BODIES.forEach((body, row) => {
    const y = row * rowHeight + 18;
    svg.append(el("svg:text", { x: 0, y: y + 4 }, BODY_NAMES[body]));
    svg.append(el("svg:line", { x1: left, x2: width - 10, y1: y, y2: y, stroke: "#e3e7ee" }));
  });
  const step = Math.max(1, Math.ceil((last - first) / 8));
  for (let year = first; year <= last; year += step) {
    svg.append(el("svg:text", { x: x(`${year}-01-01`), y: height - 4, "text-anchor": "middle" }, String(year)));
  }
  for (const meeting of meetings) {
    const row = Math.max(0, BODIES.indexOf(meeting.body));
    const dot = el("svg:circle", {
      cx: x(meeting.start_date), cy: row * rowHeight + 18, r: 6, fill: `var(--${meeting.body})`,
      class: "meeting-dot", "data-id": meeting.id, style: "cursor:pointer",
    }, el("svg:title", {}, `${meeting.start_date} ${BODY_NAMES[meeting.body]} ${meeting.location || "(video)"}`));
    dot.addEventListener("click", () => { location.hash = `#/meeting/${meeting.id}`; });
    svg.append(dot);
  }
  box.append(svg, legend(BODIES.map((b) => [BODY_NAMES[b], `var(--${b})`])));
}

async function drawDecisionChart() {
  const box = document.getElementById("decision-chart");
  const stats = await api("/v1/stats/decisions?group_by=year,kind");  // one call: a bucket per year and kind
  const counts = {};
  for (const { keys: [year, kind], count } of stats.items) {
    counts[year] ||= new Array(KINDS.length).fill(0);
    const k = KINDS.indexOf(kind);
    counts[year][k >= 0 ? k : KINDS.length - 1] += count;  // a kind the chart does not know counts as other
  }
  const years = Object.keys(counts).sort();
  box.replaceChildren();
  if (!years.length) { box.append(el("p", { class: "muted" }, "No decisions yet.")); return; }
  const width = 640, height = 240, left = 34, bottom = 24, top = 8;
  const max = Math.max(...years.map((y) => counts[y].reduce((a, b) => a + b, 0)));
  const band = (width - left) / years.length;
  const scale = (height - bottom - top) / max;
  const svg = el("svg:svg", { viewBox: `0 0 ${width} ${height}`, role: "img", id: "decision-bars" });
  for (let tick = 0; tick <= max; tick += Math.max(1, Math.ceil(max / 5))) {
    const y = height - bottom - tick * scale;
    svg.append(el("svg:line", { x1: left, x2: width, y1: y, y2: y, stroke: "#eef0f4" }));
    svg.append(el("svg:text", { x: left - 6, y: y + 4, "text-anchor": "end" }, String(tick)));
  }
  years.forEach((year, i) => {
    let base = height - bottom;
    counts[year].forEach((count, k) => {
      if (!count) return;
      const h = count * scale;
      base -= h;
      svg.append(el("svg:rect", {
        x: left + i * band + band * 0.15, y: base, width: band * 0.7, height: h, fill: KIND_COLOURS[k], class: "bar",
      }, el("svg:title", {}, `${year}: ${count} ${KINDS[k]}`)));
    });
    svg.append(el("svg:text", { x: left + i * band + band / 2, y: height - 6, "text-anchor": "middle" }, year));
  });
  const used = KINDS.map((kind, k) => [kind, KIND_COLOURS[k], k]).filter(([, , k]) => years.some((y) => counts[y][k]));
  box.append(svg, legend(used.map(([kind, colour]) => [kind, colour])));
}

const PAGE_SIZE = 25;

function drawMeetingList(meetings, labels, page = 0) {
  const pages = Math.max(1, Math.ceil(meetings.length / PAGE_SIZE));
  const shown = meetings.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const pager = document.getElementById("meeting-pager");
  pager.replaceChildren(
    el("span", { class: "muted" }, plural(meetings.length, "meeting") + (pages > 1 ? ` · page ${page + 1} of ${pages}` : "")),
    ...(pages > 1 ? [
      el("button", { type: "button", class: "page-previous", ...(page === 0 ? { disabled: "" } : {}),
                     onclick: () => drawMeetingList(meetings, labels, page - 1) }, "← newer"),
      el("button", { type: "button", class: "page-next", ...(page + 1 >= pages ? { disabled: "" } : {}),
                     onclick: () => drawMeetingList(meetings, labels, page + 1) }, "older →"),
    ] : []));
  const body = document.querySelector("#meeting-list tbody");
  body.replaceChildren(...shown.map((m) => el("tr", { onclick: () => { location.hash = `#/meeting/${m.id}`; }, "data-id": m.id },
    el("td", {}, m.start_date === m.end_date ? m.start_date : `${m.start_date} – ${m.end_date}`),
    el("td", {}, bodyTag(m.body), m.informal ? " informal" : ""),
    el("td", {}, m.location || (m.virtual ? "video" : "—")),
    el("td", {}, String(m.decision_count)),
    el("td", {}, chips(m.topics, labels)))));
}

// The topic x year heatmap: one row per topic with meetings, one column per year, shaded by the
// number of meetings whose documents cover the topic; the buttons above it choose the body.
async function drawHeatmap(body, labels) {
  const box = document.getElementById("topic-heatmap");
  const query = body ? `?body=${body}` : "";
  const cells = (await api(`/v1/stats/topics${query}`)).items.filter((c) => c.meetings > 0);
  const buttons = el("div", { class: "body-choice", role: "group", "aria-label": "Body" },
    [["", "All bodies"], ...BODIES.map((b) => [b, BODY_NAMES[b]])].map(([value, name]) => el("button", {
      type: "button", class: value === body ? "chosen" : "", "data-body": value,
      onclick: () => drawHeatmap(value, labels),
    }, name)));
  if (!cells.length) { box.replaceChildren(buttons, el("p", { class: "muted" }, "No meetings on any topic yet.")); return; }
  const perCell = {};
  for (const c of cells) {
    const key = `${c.topic}|${c.year}`;
    perCell[key] ||= { meetings: 0, decisions: 0 };
    perCell[key].meetings += c.meetings;
    perCell[key].decisions += c.decisions;
  }
  const rows = [...new Set(cells.map((c) => c.topic))];
  const years = cells.map((c) => Number(c.year));
  const first = Math.min(...years), last = Math.max(...years);
  const columns = Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
  const left = 300, top = 8, size = 22, width = left + columns.length * size + 10;
  const height = top + rows.length * size + 26;
  const max = Math.max(...Object.values(perCell).map((v) => v.meetings));
  // Drawn at its own size (not stretched to the panel), scrolling sideways where the years do not fit.
  const svg = el("svg:svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", id: "heatmap" });
  rows.forEach((slug, r) => {
    const y = top + r * size;
    const label = el("svg:a", { href: `#/topic/${slug}` },
      el("svg:text", { x: left - 6, y: y + size * 0.7, "text-anchor": "end", class: "topic-label" },
        labels[slug] ? labels[slug].label_en : slug));
    svg.append(label);
    columns.forEach((year, i) => {
      const value = perCell[`${slug}|${year}`];
      if (!value) return;
      const cell = el("svg:rect", {
        x: left + i * size + 1, y: y + 1, width: size - 2, height: size - 2, rx: 2, class: "heat-cell",
        fill: `rgba(31, 78, 153, ${0.2 + 0.8 * (value.meetings / max)})`, "data-topic": slug, "data-year": year,
        style: "cursor:pointer",
      }, el("svg:title", {}, `${labels[slug] ? labels[slug].label_en : slug}, ${year}: ` +
        `${value.meetings} meeting${value.meetings === 1 ? "" : "s"}, ${value.decisions} decision${value.decisions === 1 ? "" : "s"}`));
      cell.addEventListener("click", () => { location.hash = `#/topic/${slug}`; });
      svg.append(cell);
    });
  });
  const step = Math.max(1, Math.ceil(columns.length / 12));
  columns.forEach((year, i) => {
    if (i % step) return;
    svg.append(el("svg:text", { x: left + i * size + size / 2, y: height - 8, "text-anchor": "middle" }, year));
  });
  box.replaceChildren(buttons, el("div", { class: "heatmap-scroll" }, svg));
}

async function showOverview() {
  show("overview");
  const [meetings, labels] = await Promise.all([allPages("/v1/meetings"), topics()]);
  drawTimeline(meetings);
  drawMeetingList(meetings, labels);
  await Promise.all([drawDecisionChart(), drawHeatmap("", labels)]);
}

// --- one meeting ----------------------------------------------------------------------------------

function agendaTree(items) {
  const children = {};
  for (const item of items) (children[item.parent_id ?? "root"] ||= []).push(item);
  const list = (parent) => el("ol", { class: "agenda" }, (children[parent] || []).map((item) =>
    el("li", {}, item.number ? `${item.number}. ${item.title}` : item.title, children[item.id] ? list(item.id) : "")));
  return list("root");
}

async function showSource(decision, target) {
  const documentRecord = await api(`/v1/documents/${decision.document_id}`);
  const text = documentRecord.text;
  const mark = el("mark", { id: `sentence-${decision.id}` }, text.slice(decision.span_start, decision.span_end));
  const box = el("div", { class: "source" }, text.slice(0, decision.span_start), mark, text.slice(decision.span_end));
  target.replaceChildren(el("h3", {}, `Source: ${documentRecord.title || documentRecord.source}`), box);
  box.scrollTop = mark.offsetTop - 60;  // scroll the text, not the page (.source is positioned)
}

async function showMeeting(id, decisionId) {
  const box = show("meeting");
  box.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  const response = await fetch(`/v1/meetings/${encodeURIComponent(id)}`, { headers: { Accept: "application/json" } });
  if (response.status === 404) {
    box.replaceChildren(el("p", {}, el("a", { href: "#/" }, "← all meetings")),
      el("h2", { class: "not-found" }, "No such meeting"),
      el("p", {}, `There is no meeting with the id “${id}”. Meeting ids are a first day and a body, such as 2020-04-02-foreign-ministers.`));
    return;
  }
  if (!response.ok) throw new Error(`/v1/meetings/${id}: ${response.status}`);
  const [meeting, labels] = await Promise.all([response.json(), topics()]);
  const source = el("div", { id: "source" }, el("p", { class: "muted" }, "Choose “show in source” under a decision to read it in its document."));
  const decisions = meeting.decisions.map((d) => el("div", { class: "decision", "data-id": d.id },
    el("div", { class: "kind" }, d.kind), d.text, " ",
    el("a", { href: `#/meeting/${meeting.id}/decision/${d.id}`, class: "show-source" }, "show in source"),
    d.topics.length ? el("div", {}, chips(d.topics, labels)) : ""));
  box.replaceChildren(
    el("p", {}, el("a", { href: "#/" }, "← all meetings")),
    el("h2", {}, `${BODY_NAMES[meeting.body]} · ${meeting.start_date}${meeting.end_date !== meeting.start_date ? ` – ${meeting.end_date}` : ""}`),
    el("p", { class: "muted" }, `${meeting.location || "by video"}${meeting.informal ? " · informal" : ""} · members named: ${meeting.members.join(", ") || "none"}`),
    meeting.topics.length ? el("p", { class: "meeting-topics" }, "Topics: ", chips(meeting.topics, labels)) : "",
    el("div", { class: "columns" },
      el("div", {}, el("h3", {}, "Agenda and documents"), ...meeting.documents.map((d) => {
        const items = meeting.agenda_items.filter((item) => item.document_id === d.id);
        return el("section", { class: "document-agenda", "data-document": d.id },
          el("h4", {}, `${d.kind}: ${d.title || d.source}`),
          items.length ? agendaTree(items) : el("p", { class: "muted" }, "No agenda items in this document."));
      })),
      el("div", {}, source, el("h3", {}, `Decisions (${meeting.decisions.length})`), decisions)));
  const chosen = meeting.decisions.find((d) => String(d.id) === decisionId);
  if (chosen) await showSource(chosen, source);
}

// --- one topic ------------------------------------------------------------------------------------

async function showTopic(slug) {
  const box = show("topic");
  box.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  const topic = await api(`/v1/topics/${encodeURIComponent(slug)}`);
  const entries = topic.timeline.map((m) => el("li", { class: "topic-meeting", "data-id": m.meeting_id },
    el("a", { href: `#/meeting/${m.meeting_id}` }, m.start_date), " ", bodyTag(m.body), ` ${m.location || "—"}`,
    m.decisions.length ? el("ul", { class: "topic-decisions" }, m.decisions.map((d) => el("li", { "data-id": d.id },
      el("span", { class: "kind" }, d.kind), " ", d.text, " ",
      el("a", { href: `#/meeting/${m.meeting_id}/decision/${d.id}`, class: "show-source" }, "show in source")))) : ""));
  box.replaceChildren(
    el("p", {}, el("a", { href: "#/" }, "← all meetings")),
    el("h2", {}, topic.label_en, el("span", { class: "muted" }, ` · ${topic.label_nl}`)),
    el("p", { class: "scope" }, topic.scope),
    el("p", { class: "muted" }, `${topic.meeting_count} meeting${topic.meeting_count === 1 ? "" : "s"} · ` +
      `${topic.decision_count} decision${topic.decision_count === 1 ? "" : "s"}`),
    entries.length ? el("ol", { class: "topic-timeline" }, entries) : el("p", { class: "muted" }, "No meeting on this topic yet."));
}

// --- search ---------------------------------------------------------------------------------------

function snippet(html) {
  // The API escapes a snippet's text and adds only <mark> tags: safe to set as HTML.
  const node = el("span", {});
  node.innerHTML = html;
  return node;
}

const SEARCH_PAGE = 50;

async function showSearch(query) {
  const box = show("search-results");
  document.getElementById("search-input").value = query;
  box.replaceChildren(el("p", { class: "muted" }, "Searching…"));
  const list = el("div", { class: "hits" });
  const heading = el("h2", {});
  const more = el("button", { type: "button", class: "more-results" }, `next ${SEARCH_PAGE} results`);
  let shown = 0;
  async function load(cursor) {  // one page of hits after `cursor`, appended
    const page = await api(`/v1/search?q=${encodeURIComponent(query)}&limit=${SEARCH_PAGE}` +
      (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""));
    list.append(...page.items.map((hit) => el("div", { class: "hit" },
      el("div", { class: "meta" }, `${hit.kind.replace("_", " ")} · `,
        hit.meeting_id ? el("a", { href: `#/meeting/${hit.meeting_id}${hit.kind === "decision" ? `/decision/${hit.id}` : ""}` }, hit.meeting_id) : "no meeting"),
      snippet(hit.snippet))));
    shown += page.items.length;
    heading.textContent = `${plural(shown, "result")}${page.next_cursor ? " so far" : ""} for “${query}”`;
    more.hidden = !page.next_cursor;
    more.onclick = () => load(page.next_cursor);
    if (!shown) list.replaceChildren(el("p", { class: "muted" }, "Nothing found."));
  }
  await load(null);
  box.replaceChildren(el("p", {}, el("a", { href: "#/" }, "← all meetings")), heading, list, more);
}

// --- needs review ---------------------------------------------------------------------------------

const REVIEW_PAGE = 50;

function reviewItem(d) {
  // A stored document whose meeting the parser doubts: what it doubts, and the meeting it could not date.
  const hint = d.hint_body ? el("p", { class: "hint" }, "Names a meeting it does not date: ", bodyTag(d.hint_body),
    d.hint_location ? ` ${d.hint_location}` : "") : "";
  return el("li", { class: "review-item", "data-id": d.id },
    el("div", { class: "meta" }, `${d.kind} · ${d.language} · ${d.date || "undated"} · `,
      el("a", { href: `/v1/documents/${d.id}` }, "record")),
    el("strong", {}, d.title || d.source),
    el("ul", { class: "doubts" }, d.doubts.map((doubt) => el("li", {}, doubt))), hint);
}

async function showReview() {
  const box = show("review");
  box.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  const status = await api("/v1/status");
  const list = el("ol", { class: "review-list" });
  const more = el("button", { type: "button", class: "more-results" }, `next ${REVIEW_PAGE} documents`);
  async function load(cursor) {  // one page of doubtful documents after `cursor`, appended
    const page = await api(`/v1/documents?doubts=true&limit=${REVIEW_PAGE}` +
      (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""));
    list.append(...page.items.map(reviewItem));
    more.hidden = !page.next_cursor;
    more.onclick = () => load(page.next_cursor);
  }
  await load(null);
  const count = status.counts.documents_with_doubts;
  box.replaceChildren(el("p", {}, el("a", { href: "#/" }, "← all meetings")),
    el("h2", {}, `Needs review: ${plural(count, "document")}`),
    el("p", { class: "muted" }, "Stored and served like every document; the parser doubts the meeting it read. " +
      "A dashboard can leave them out with doubts=false."),
    count ? list : el("p", { class: "muted" }, "Nothing to review."), more);
}

// --- routing --------------------------------------------------------------------------------------

function show(id) {
  for (const section of ["overview", "meeting", "topic", "search-results", "review"]) {
    document.getElementById(section).hidden = section !== id;
  }
  return document.getElementById(id);
}

async function route() {
  const hash = decodeURIComponent(location.hash.slice(1) || "/");
  try {
    let match;
    if ((match = hash.match(/^\/meeting\/([^/]+)(?:\/decision\/(\d+))?$/))) await showMeeting(match[1], match[2]);
    else if ((match = hash.match(/^\/topic\/([a-z0-9-]+)$/))) await showTopic(match[1]);
    else if ((match = hash.match(/^\/search\/(.+)$/))) await showSearch(match[1]);
    else if (hash === "/review") await showReview();
    else await showOverview();
    // whether the page fits its window without scrolling sideways (a phone's 420 px included)
    document.body.dataset.fits = String(document.documentElement.scrollWidth <= window.innerWidth);
    document.body.dataset.ready = "true";
  } catch (error) {
    document.querySelector("main").append(el("p", { class: "muted" }, `Could not load: ${error.message}`));
  }
}

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const query = document.getElementById("search-input").value.trim();
  if (query) location.hash = `#/search/${encodeURIComponent(query)}`;
});
window.addEventListener("hashchange", () => { document.body.dataset.ready = "false"; route(); });
route();
