#include "output/workshop_page.h"

#include "output/report_page.h"
#include "output/vega_bundle.h"

namespace output {

namespace {

constexpr std::string_view kHead = R"html(<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>casesim workshop</title>
<style>
:root { --ink: #1d1d1d; --muted: #555; --rule: #d9d9d9; --accent: #1f4e79;
        --better: #1f6fb4; --worse: #d9480f; --unclear: #8c8c8c; --changed: #7b3294; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { background: var(--accent); color: #fff; padding: 10px 22px; }
header h1 { font-size: 1.4rem; margin: 0; }
header p { margin: .1rem 0 0; opacity: .9; font-size: .92rem; }
.layout { display: grid; grid-template-columns: 340px minmax(0, 1fr); gap: 18px; padding: 14px 22px 40px; }
aside { border-right: 1px solid var(--rule); padding-right: 16px; }
aside h2, section h2 { font-size: 1.1rem; color: var(--accent); margin: .6rem 0 .4rem; }
.lever { margin: 0 0 12px; padding-bottom: 8px; border-bottom: 1px solid #eee; }
.lever label { font-weight: 600; display: block; }
.lever .help { color: var(--muted); font-size: .82rem; margin: .1rem 0 .2rem; }
.lever input[type=range] { width: 100%; }
.lever .row { display: flex; gap: 8px; align-items: center; font-size: .88rem; }
.lever .row output { font-weight: 650; min-width: 4.5em; }
.lever .row button { font-size: .75rem; }
.lever.moved label { color: var(--changed); }
#status { font-size: .92rem; color: var(--muted); min-height: 1.4em; }
#progress { width: 100%; height: 6px; }
#problems { border: 2px solid var(--worse); color: var(--worse); padding: 6px 10px; margin: 6px 0; }
#problems[hidden] { display: none; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--rule); border-left: 5px solid var(--unclear); border-radius: 4px; padding: 7px 11px; }
.card.better { border-left-color: var(--better); }
.card.worse { border-left-color: var(--worse); }
.card.changed { border-left-color: var(--changed); }
.card .label { font-size: .85rem; color: var(--muted); }
.card .value { font-size: 1.45rem; font-weight: 650; line-height: 1.2; }
.card .was, .card .diff { font-size: .85rem; }
.badge { display: inline-block; padding: 0 .45em; border-radius: 3px; font-size: .75rem; font-weight: 600;
         color: #fff; background: var(--unclear); white-space: nowrap; }
.badge.better { background: var(--better); }
.badge.worse { background: var(--worse); }
.badge.changed { background: var(--changed); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(400px, 1fr)); gap: 14px; margin-top: 8px; }
.charts figure { margin: 0; }
.charts h3 { font-size: .98rem; margin: .3rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #e6e6e6; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.current td { background: #eef5fb; }
.tools { margin: 6px 0; display: flex; gap: 10px; align-items: center; }
#pinned { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 10px; }
#pinned .pin { border: 1px solid var(--rule); border-top: 4px solid var(--changed); padding: 6px 10px; font-size: .85rem; }
footer { color: var(--muted); font-size: .78rem; padding: 0 22px 20px; }
</style>
</head>
<body data-errors="0" data-warnings="0">
)html";

// After the error log (page_error_log).
constexpr std::string_view kBody = R"html(<header><h1 id="title">casesim workshop</h1><p id="description"></p></header>
<div class="layout">
<aside>
  <h2>Levers</h2>
  <p class="help" id="lever-note"></p>
  <div id="levers"></div>
  <button id="reset" type="button">Back to the scenario as written</button>
</aside>
<div>
  <section>
    <div id="status">Starting...</div>
    <progress id="progress" max="1" value="0"></progress>
    <div id="problems" hidden></div>
    <h2>What-if against the scenario as written</h2>
    <div class="cards" id="cards"></div>
  </section>
  <section class="charts">
    <figure><h3>Trials waiting in the Crown Court</h3><div id="chart-trials" class="chart"></div></figure>
    <figure><h3>Cases a year, from report to conviction</h3><div id="chart-funnel" class="chart"></div></figure>
    <figure><h3>Victim contact hours a week, by agency, against the hours staff have</h3><div id="chart-load" class="chart"></div></figure>
  </section>
  <section>
    <h2>The room's record</h2>
    <div class="tools">
      <a id="export" href="/api/record.csv" download="workshop-record.csv">Export the record (CSV)</a>
      <span class="help">Tick "pin" to keep a what-if beside the others; "save" downloads it as a scenario file for <code>casesim compare</code>.</span>
    </div>
    <table id="record"><thead><tr><th>#</th><th>levers moved</th><th>replications</th>
      <th>report to trial</th><th>charge to trial</th><th>withdrawal before charge</th><th>charges a year</th>
      <th>pin</th><th>save</th></tr></thead><tbody></tbody></table>
    <h2>Pinned</h2>
    <div id="pinned"></div>
  </section>
</div>
</div>
<footer id="credits"></footer>
)html";

constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var S = { levers: [], values: [], current: 0, shownDone: -1, pinned: {}, record: [], asked: 0, lastCharts: 0 };
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fmtValue(v, unit) {
    if (v === null || v === undefined) return '-';
    if (unit === 'share') return (100 * v).toFixed(1) + '%';
    if (unit === 'days') return Math.round(v) + ' days';
    if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-GB');
    return (Math.round(v * 10) / 10).toLocaleString('en-GB');
  }
  function fmtDiff(v, unit) {
    if (v === null || v === undefined) return '-';
    var sign = v > 0 ? '+' : (v < 0 ? '\u2212' : '');
    var a = Math.abs(v);
    if (unit === 'share') return sign + (100 * a).toFixed(1) + ' points';
    if (unit === 'days') return sign + Math.round(a) + ' days';
    return sign + (a >= 100 ? Math.round(a).toLocaleString('en-GB') : (Math.round(a * 10) / 10));
  }
  function verdictClass(v) {
    return v === 'better' ? 'better' : v === 'worse' ? 'worse' : v === 'changed' ? 'changed' : 'unclear';
  }

  function leverValueText(l, v) { return l.choices ? v : (String(v) + (l.unit ? ' ' + l.unit : '')); }
  function drawLevers(d) {
    var box = $('levers');
    S.levers = d.levers;
    S.values = d.levers.map(function (l) { return l.value; });
    $('lever-note').textContent = d.own_levers
      ? 'Move a lever: the answer appears in about a second and sharpens as replications finish.'
      : 'This scenario names no levers, so these are its resources and stated assumptions.';
    d.levers.forEach(function (l, i) {
      var div = el('div', { 'class': 'lever', id: 'lever-' + i });
      var id = 'lever-input-' + i;
      div.appendChild(el('label', { 'for': id }, l.label));
      if (l.help) div.appendChild(el('div', { 'class': 'help' }, l.help));
      var input;
      if (l.choices) {
        input = el('select', { id: id, 'data-lever': String(i) });
        l.choices.forEach(function (c) { var o = el('option', { value: c }, c); if (c === l.value) o.selected = true; input.appendChild(o); });
      } else {
        input = el('input', { id: id, type: 'range', min: String(l.min), max: String(l.max), step: String(l.step), value: String(l.value), 'data-lever': String(i) });
      }
      div.appendChild(input);
      var row = el('div', { 'class': 'row' });
      var out = el('output', { id: 'lever-value-' + i }, leverValueText(l, l.value));
      row.appendChild(out);
      row.appendChild(el('span', {}, 'as written: ' + leverValueText(l, l.value)));
      var back = el('button', { type: 'button' }, 'reset');
      back.addEventListener('click', function () { setLever(i, l.value); ask(); });
      row.appendChild(back);
      div.appendChild(row);
      input.addEventListener('input', function () { setLever(i, l.choices ? input.value : Number(input.value)); });
      input.addEventListener('change', function () { setLever(i, l.choices ? input.value : Number(input.value)); ask(); });
      box.appendChild(div);
    });
  }
  function setLever(i, v) {
    var l = S.levers[i];
    S.values[i] = v;
    var input = $('lever-input-' + i);
    if (String(input.value) !== String(v)) input.value = String(v);
    $('lever-value-' + i).textContent = leverValueText(l, v);
    $('lever-' + i).classList.toggle('moved', String(v) !== String(l.value));
  }

  function ask() {
    var parts = [];
    S.levers.forEach(function (l, i) {
      if (String(S.values[i]) !== String(l.value))
        parts.push('lever.' + i + '=' + encodeURIComponent(String(S.values[i])));
    });
    var asked = ++S.asked;
    fetch('/api/what-if', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: parts.join('&') })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        if (asked !== S.asked) return;
        var box = $('problems');
        if (!res.ok) {
          box.hidden = false;
          box.textContent = '';
          box.appendChild(el('div', {}, res.j.error || 'refused'));
          (res.j.problems || []).forEach(function (p) { box.appendChild(el('div', {}, p)); });
          return;
        }
        box.hidden = true;
        S.current = res.j.id;
        S.shownDone = -1;
        poll();
        refreshRecord();
      });
  }

  function poll() {
    var id = S.current;
    fetch('/api/what-if/' + id).then(function (r) { return r.json(); }).then(function (w) {
      if (id !== S.current) return;
      show(w);
      if (w.state === 'queued' || w.state === 'running') setTimeout(poll, 120);
      else refreshRecord();
    });
  }

  function show(w) {
    var first = w.first_answer_ms === null ? '' : '; first answer after ' + Math.round(w.first_answer_ms) + ' ms';
    $('status').textContent = 'What-if ' + w.id + ' (' + w.state + '): ' + w.done + ' of ' + w.target +
      ' replications' + first + (w.moved.length ? '. Moved: ' + w.moved.join('; ') : '. Nothing moved: the scenario as written.');
    $('progress').value = w.target ? w.done / w.target : 0;
    document.body.setAttribute('data-what-if', String(w.id));
    document.body.setAttribute('data-state', w.state);
    document.body.setAttribute('data-done', String(w.done));
    if (!w.headlines || w.done === S.shownDone) return;
    S.shownDone = w.done;
    drawCards(w);
    drawCharts(w);
  }

  function drawCards(w) {
    var box = $('cards');
    box.textContent = '';
    w.headlines.forEach(function (h) {
      var c = el('div', { 'class': 'card ' + verdictClass(h.verdict), 'data-key': h.key });
      c.appendChild(el('div', { 'class': 'label' }, h.label));
      c.appendChild(el('div', { 'class': 'value' }, fmtValue(h.what_if, h.unit)));
      c.appendChild(el('div', { 'class': 'was' }, 'as written: ' + fmtValue(h.baseline, h.unit)));
      var diff = el('div', { 'class': 'diff' });
      diff.appendChild(el('span', { 'class': 'badge ' + verdictClass(h.verdict) }, h.verdict));
      diff.appendChild(document.createTextNode(' ' + fmtDiff(h.difference, h.unit) +
        (h.ci_low === null ? '' : ' (95% interval ' + fmtDiff(h.ci_low, h.unit) + ' to ' + fmtDiff(h.ci_high, h.unit) + ')')));
      c.appendChild(diff);
      box.appendChild(c);
    });
  }

  var drawn = 0;
  function embed(id, spec) {
    spec.$schema = 'https://vega.github.io/schema/vega-lite/v6.json';
    return vegaEmbed('#' + id, spec, { actions: false, renderer: 'svg', logLevel: vega.Warn })
      .then(function () { drawn += 1; document.body.setAttribute('data-charts-drawn', String(drawn)); })
      .catch(function (e) { window.casesimNote('error', id + ': ' + e.message); });
  }
  function drawCharts(w) {
    var trials = [];
    w.trials.day.forEach(function (d, k) {
      var year = d / 365.25;
      trials.push({ year: year, series: 'as written', trials: w.trials.baseline[k] });
      trials.push({ year: year, series: 'what-if', trials: w.trials.what_if[k] });
    });
    var colours = { domain: ['as written', 'what-if'], range: ['#8c8c8c', '#7b3294'] };
    embed('chart-trials', {
      width: 'container', height: 220, data: { values: trials },
      layer: [
        { mark: { type: 'line' }, encoding: {
          x: { field: 'year', type: 'quantitative', title: 'years from the start' },
          y: { field: 'trials', type: 'quantitative', title: 'trials outstanding' },
          color: { field: 'series', type: 'nominal', scale: colours, title: null } } },
        { data: { values: [{ year: w.trials.warmup_days / 365.25 }] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#999' },
          encoding: { x: { field: 'year', type: 'quantitative' } } }
      ]
    });
    var funnel = [];
    w.funnel.forEach(function (f, k) {
      funnel.push({ step: f.step, order: k, series: 'as written', cases: f.baseline });
      funnel.push({ step: f.step, order: k, series: 'what-if', cases: f.what_if });
    });
    embed('chart-funnel', {
      width: 'container', height: 220, data: { values: funnel }, mark: 'bar',
      encoding: {
        y: { field: 'step', type: 'nominal', sort: w.funnel.map(function (f) { return f.step; }), title: null },
        yOffset: { field: 'series', sort: ['as written', 'what-if'] },
        x: { field: 'cases', type: 'quantitative', title: 'cases a year (log scale: each step falls far)', scale: { type: 'symlog' } },
        color: { field: 'series', type: 'nominal', scale: colours, title: null } }
    });
    var load = [], capacity = [];
    w.load.forEach(function (a) {
      load.push({ agency: a.agency, series: 'as written', hours: a.baseline_hours });
      load.push({ agency: a.agency, series: 'what-if', hours: a.what_if_hours });
      if (a.baseline_capacity > 0) capacity.push({ agency: a.agency, series: 'as written', hours: a.baseline_capacity });
      if (a.what_if_capacity > 0) capacity.push({ agency: a.agency, series: 'what-if', hours: a.what_if_capacity });
    });
    var agencies = w.load.map(function (a) { return a.agency; });
    if (!load.length) { $('chart-load').textContent = 'This scenario models no victim contacts.'; return; }
    embed('chart-load', {
      width: 'container', height: 220,
      layer: [
        { data: { values: load }, mark: 'bar', encoding: {
          x: { field: 'agency', type: 'nominal', title: null, sort: agencies }, xOffset: { field: 'series', sort: ['as written', 'what-if'] },
          y: { field: 'hours', type: 'quantitative', title: 'hours a week' },
          color: { field: 'series', type: 'nominal', scale: colours, title: null } } },
        { data: { values: capacity }, mark: { type: 'tick', thickness: 3, color: '#d9480f' }, encoding: {
          x: { field: 'agency', type: 'nominal', sort: agencies }, xOffset: { field: 'series', sort: ['as written', 'what-if'] },
          y: { field: 'hours', type: 'quantitative' } } }
      ]
    });
  }

  function headline(w, key) {
    var h = (w.headlines || []).filter(function (x) { return x.key === key; })[0];
    if (!h) return '-';
    return fmtDiff(h.difference, h.unit) + (h.ci_low === null ? '' : ' (' + fmtDiff(h.ci_low, h.unit) + ' to ' + fmtDiff(h.ci_high, h.unit) + ')');
  }
  function refreshRecord() {
    fetch('/api/record').then(function (r) { return r.json(); }).then(function (d) {
      S.record = d.record;
      var body = document.querySelector('#record tbody');
      body.textContent = '';
      d.record.forEach(function (w) {
        var tr = el('tr', { 'data-id': String(w.id) });
        if (w.id === S.current) tr.className = 'current';
        tr.appendChild(el('td', { 'class': 'num' }, String(w.id)));
        tr.appendChild(el('td', {}, w.moved.length ? w.moved.join('; ') : 'as written'));
        tr.appendChild(el('td', { 'class': 'num' }, w.done + (w.state === 'stopped' ? ' (stopped)' : '')));
        ['report_to_trial_start_days', 'charge_to_trial_start_days', 'withdrawal_before_charge', 'charges_per_year']
          .forEach(function (k) { tr.appendChild(el('td', { 'class': 'num' }, headline(w, k))); });
        var pin = el('input', { type: 'checkbox', 'aria-label': 'pin what-if ' + w.id });
        pin.checked = !!S.pinned[w.id];
        pin.addEventListener('change', function () { S.pinned[w.id] = pin.checked; drawPinned(); });
        var td = el('td'); td.appendChild(pin); tr.appendChild(td);
        var save = el('a', { href: '/api/what-if/' + w.id + '/scenario', download: 'what-if-' + w.id + '.json', 'class': 'save' }, 'save');
        td = el('td'); td.appendChild(save); tr.appendChild(td);
        body.appendChild(tr);
      });
      document.body.setAttribute('data-record-rows', String(d.record.length));
      drawPinned();
    });
  }
  function drawPinned() {
    var box = $('pinned');
    box.textContent = '';
    S.record.filter(function (w) { return S.pinned[w.id]; }).forEach(function (w) {
      var div = el('div', { 'class': 'pin' });
      div.appendChild(el('strong', {}, 'What-if ' + w.id + ': ' + (w.moved.length ? w.moved.join('; ') : 'as written')));
      (w.headlines || []).forEach(function (h) {
        div.appendChild(el('div', {}, h.label + ': ' + fmtValue(h.what_if, h.unit) + ' (' + fmtDiff(h.difference, h.unit) + ', ' + h.verdict + ')'));
      });
      box.appendChild(div);
    });
    if (!box.children.length) box.appendChild(el('p', { 'class': 'help' }, 'Nothing pinned yet.'));
  }

  $('reset').addEventListener('click', function () {
    S.levers.forEach(function (l, i) { setLever(i, l.value); });
    ask();
  });
  fetch('/api/levers').then(function (r) { return r.json(); }).then(function (d) {
    $('title').textContent = 'casesim workshop: ' + d.scenario;
    $('description').textContent = d.description;
    drawLevers(d);
    ask();
  });
})();
)js";

}  // namespace

const std::string& workshop_page() {
  static const std::string page = [] {
    const VegaBundle& vega = vega_bundle();
    std::string out(kHead);
    out += page_error_log("page-log");
    out += kBody;
    out += vega_scripts();
    out += "<script>";
    out += kScript;
    out += "</script>\n<script>document.getElementById('credits').textContent = "
           "'Made by casesim. Charts drawn in the page by ";
    out += vega.versions;
    out += " (BSD-3-Clause), inlined so the page works offline.';</script>\n</body>\n</html>\n";
    return out;
  }();
  return page;
}

}  // namespace output
