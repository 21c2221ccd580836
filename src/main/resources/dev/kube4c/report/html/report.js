// kube4c HTML report. Reads the JSON embedded in the page and renders it with DOM APIs only:
// data is only ever set with textContent or as attribute values, never parsed as HTML.
(function () {
  'use strict';
  const D = JSON.parse(document.getElementById('kube4c-data').textContent);
  const F = D.findings;
  const SEV = D.sev;
  const SEV_TITLE = SEV.map(s => s.charAt(0).toUpperCase() + s.slice(1));
  const ROW = 84; // px, fixed row height of the virtual findings list
  const SVGNS = 'http://www.w3.org/2000/svg';

  // ---- small DOM helpers --------------------------------------------------------------------
  function h(tag, props, children) {
    const e = document.createElement(tag);
    setProps(e, props);
    append(e, children);
    return e;
  }
  function s(tag, props, children) {
    const e = document.createElementNS(SVGNS, tag);
    setProps(e, props);
    append(e, children);
    return e;
  }
  function setProps(e, props) {
    if (!props) return;
    for (const k of Object.keys(props)) {
      const v = props[k];
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (k === 'cls') e.setAttribute('class', v);
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  function append(e, children) {
    if (children === undefined || children === null) return;
    for (const c of Array.isArray(children) ? children : [children]) {
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
  function total(counts) { let t = 0; for (const c of counts) t += c; return t; }
  function countsText(counts) {
    const parts = [];
    counts.forEach((n, i) => { if (n > 0) parts.push(n + ' ' + SEV[i]); });
    return parts.length ? parts.join(', ') : 'no findings';
  }
  function worst(counts) { for (let i = 0; i < counts.length; i++) if (counts[i] > 0) return i; return -1; }
  function scoreColor(score) {
    return score >= 90 ? '#2e7d32' : score >= 75 ? '#7cb342' : score >= 50 ? '#ef6c00' : '#c62828';
  }
  function sevBar(counts) {
    const sum = total(counts);
    const bar = h('div', { cls: 'bar', title: countsText(counts) });
    if (sum === 0) return bar;
    counts.forEach((n, i) => {
      if (n === 0) return;
      const span = h('span', { cls: 'sev-' + SEV[i] });
      span.style.width = (100 * n / sum) + '%';
      bar.appendChild(span);
    });
    return bar;
  }

  // ---- derived lookups ----------------------------------------------------------------------
  const ruleArea = D.rules.map(r => r.area);
  const ruleLayer = D.rules.map(r => D.areas[r.area].layer);
  const ruleCks = D.rules.map(r => (r.cks === undefined ? -1 : D.cks.indexOf(r.cks)));
  const lower = { res: null, msgs: null };

  // ---- state and filtering ------------------------------------------------------------------
  const state = { sev: SEV.map(() => true), layer: -1, ns: -1, rule: -1, q: '', scope: null, selected: -1, tab: 'map' };
  let shown = new Int32Array(0); // indices of findings passing the filters
  let stats = null;

  function passes(f) {
    if (!state.sev[f[1]]) return false;
    if (state.layer >= 0 && ruleLayer[f[0]] !== state.layer) return false;
    if (state.ns >= 0 && f[3] !== state.ns) return false;
    if (state.rule >= 0 && f[0] !== state.rule) return false;
    if (state.q) {
      if (!lower.res) { lower.res = D.res.map(x => x.toLowerCase()); lower.msgs = D.msgs.map(x => x.toLowerCase()); }
      if (!lower.res[f[2]].includes(state.q) && !lower.msgs[f[8]].includes(state.q)) return false;
    }
    return true;
  }

  function recompute() {
    const keep = new Int32Array(F.length);
    let n = 0;
    const area = D.areas.map(() => [0, 0, 0, 0, 0]);
    const layer = D.layers.map(() => [0, 0, 0, 0, 0]);
    const rule = D.rules.map(() => [0, 0, 0, 0, 0]);
    const ns = new Map();
    const sev = [0, 0, 0, 0, 0];
    for (let i = 0; i < F.length; i++) {
      const f = F[i];
      if (!passes(f)) continue;
      keep[n++] = i;
      area[ruleArea[f[0]]][f[1]]++;
      layer[ruleLayer[f[0]]][f[1]]++;
      rule[f[0]][f[1]]++;
      sev[f[1]]++;
      ns.set(f[3], (ns.get(f[3]) || 0) + 1);
    }
    shown = keep.subarray(0, n);
    stats = { area, layer, rule, ns, sev, n };
  }

  // ---- header -------------------------------------------------------------------------------
  function renderChips() {
    const chips = document.getElementById('chips');
    clear(chips);
    if (D.scanned) {
      const counts = [0, 0, 0, 0, 0];
      for (const f of F) counts[f[1]]++;
      counts.forEach((n, i) => chips.appendChild(h('span', { cls: 'chip sev-' + SEV[i] }, [h('b', { text: String(n) }), ' ' + SEV[i]])));
      chips.appendChild(h('span', { cls: 'chip', text: plural(D.meta.resources, 'resource') }));
      chips.appendChild(h('span', { cls: 'chip', text: plural(D.meta.rulesEvaluated, 'rule') + ' evaluated' }));
      if (D.meta.suppressed) chips.appendChild(h('span', { cls: 'chip', text: D.meta.suppressed + ' suppressed' }));
      if (D.meta.errors) chips.appendChild(h('span', { cls: 'chip sev-high', text: plural(D.meta.errors, 'input error') }));
    } else {
      chips.appendChild(h('span', { cls: 'chip', text: plural(D.rules.length, 'rule') + ' in the catalogue' }));
    }
    if (D.errors.length) {
      const banner = document.getElementById('banner');
      banner.hidden = false;
      append(banner, [
        h('strong', { text: plural(D.meta.errors, 'input problem') + ': ' }),
        'these inputs could not be read and were not scanned.',
        h('details', null, [h('summary', { text: 'show' }), h('ul', null, D.errors.map(e => h('li', { text: e[0] + ': ' + e[1] })))])
      ]);
    }
  }

  // ---- filters ------------------------------------------------------------------------------
  function renderFilters() {
    const bar = document.getElementById('filters');
    if (!D.scanned) { bar.hidden = true; return; }
    const sevBox = h('span', { cls: 'sevbox', role: 'group', 'aria-label': 'Severity' });
    SEV.forEach((sv, i) => {
      const box = h('input', { type: 'checkbox', checked: true, 'data-sev': sv, onchange: e => { state.sev[i] = e.target.checked; update(); } });
      sevBox.appendChild(h('label', { cls: 'sev-' + sv }, [box, SEV_TITLE[i]]));
    });
    const layerSel = select('layer', 'All layers', D.layers.map((l, i) => [i, l.id]), v => { state.layer = v; });
    const nsOrder = D.ns.map((n, i) => [i, n]).sort((a, b) => a[1].localeCompare(b[1]));
    const nsSel = select('namespace', 'All namespaces', nsOrder, v => { state.ns = v; });
    const ruleOrder = D.rules.map((r, i) => [i, r.id]).sort((a, b) => a[1].localeCompare(b[1]));
    const ruleSel = select('rule', 'All rules', ruleOrder, v => { state.rule = v; });
    let timer = 0;
    const search = h('input', { type: 'search', placeholder: 'resource or message…', 'aria-label': 'Search', oninput: e => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.q = e.target.value.trim().toLowerCase(); update(); }, 150);
    } });
    const all = h('button', { type: 'button', cls: 'btn', id: 'all-findings', text: 'All findings', onclick: () => openPanel({ kind: 'all', title: 'All findings' }) });
    append(bar, [h('strong', { text: 'Filter' }), sevBox, layerSel, nsSel, ruleSel, search, all, h('span', { cls: 'count', id: 'count' })]);
  }
  function select(name, allLabel, options, set) {
    const sel = h('select', { 'aria-label': name, id: 'filter-' + name, onchange: e => { set(Number(e.target.value)); update(); } });
    sel.appendChild(h('option', { value: '-1', text: allLabel }));
    for (const [v, label] of options) sel.appendChild(h('option', { value: String(v), text: label }));
    return sel;
  }

  // ---- mind map -----------------------------------------------------------------------------
  const areaNodes = [];
  const layerNodes = [];
  function renderMap() {
    const view = document.getElementById('view-map');
    const W = 1320, AW = 290, AH = 66, GAP = 10, GROUP = 36, LW = 170, LH = 78;
    // Clockwise from the top left, outermost layer first: cloud, cluster (right), container (right), code (left).
    const sides = { left: [], right: [] };
    D.layers.forEach((l, i) => (i === 0 || i === D.layers.length - 1 ? sides.left : sides.right).push(i));
    const height = side => side.reduce((acc, li) => acc + areasOf(li).length * (AH + GAP), 0) + (side.length - 1) * GROUP;
    const H = Math.max(height(sides.left), height(sides.right)) + 40;
    const svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': '4C mind map', id: 'mindmap' });
    const edges = s('g');
    const nodes = s('g');
    svg.appendChild(edges);
    svg.appendChild(nodes);
    const cx = W / 2, cy = H / 2;
    for (const side of ['left', 'right']) {
      const list = sides[side];
      let y = (H - height(list)) / 2;
      for (const li of list) {
        const areas = areasOf(li);
        const groupH = areas.length * (AH + GAP) - GAP;
        const lx = side === 'left' ? 16 + AW + 70 : W - 16 - AW - 70 - LW;
        const ly = y + groupH / 2 - LH / 2;
        const layerColor = 'var(--' + D.layers[li].id + ', #455a64)';
        edges.appendChild(s('path', { cls: 'edge', d: curve(cx, cy, side === 'left' ? lx + LW : lx, ly + LH / 2) }));
        const lg = s('g', { cls: 'layer', transform: 'translate(' + lx + ',' + ly + ')' });
        const lrect = s('rect', { width: LW, height: LH, rx: 12 });
        lrect.style.fill = layerColor;
        const lsub = s('text', { cls: 'lsub', x: LW / 2, y: 50, 'text-anchor': 'middle' });
        const lsub2 = s('text', { cls: 'lsub', x: LW / 2, y: 66, 'text-anchor': 'middle' });
        append(lg, [lrect, s('text', { cls: 'lname', x: LW / 2, y: 28, 'text-anchor': 'middle', text: D.layers[li].id.toUpperCase() }), lsub, lsub2,
          s('title', { text: D.layers[li].title })]);
        nodes.appendChild(lg);
        layerNodes[li] = { sub: lsub, sub2: lsub2 };
        areas.forEach((ai, k) => {
          const ax = side === 'left' ? 16 : W - 16 - AW;
          const ay = y + k * (AH + GAP);
          edges.appendChild(s('path', { cls: 'edge', d: curve(side === 'left' ? lx : lx + LW, ly + LH / 2, side === 'left' ? ax + AW : ax, ay + AH / 2) }));
          nodes.appendChild(areaNode(ai, ax, ay, AW, AH));
        });
        y += groupH + GAP + GROUP;
      }
    }
    const center = s('g', { cls: 'center' }, [s('circle', { cx, cy, r: 62 }),
      s('text', { x: cx, y: cy - 4, 'text-anchor': 'middle', 'font-size': 30, 'font-weight': 700, text: '4C' }),
      s('text', { x: cx, y: cy + 20, 'text-anchor': 'middle', 'font-size': 12, id: 'center-sub' })]);
    nodes.appendChild(center);
    const legend = h('div', { cls: 'legend' }, SEV.map((sv, i) => h('span', null, [h('i', { cls: 'sev-' + sv }), SEV_TITLE[i]])).concat([
      h('span', null, [h('i', { cls: 'sev-ok' }), 'border: worst severity (green: none)']),
      h('span', { text: 'dashed: no kube4c rule evaluated in this area yet' }),
      h('span', { text: 'click an area to see its findings' })]));
    legend.querySelector('.sev-ok').style.background = 'var(--ok)';
    view.appendChild(h('div', { cls: 'mapwrap' }, svg));
    view.appendChild(legend);
  }
  function areasOf(li) { const out = []; D.areas.forEach((a, i) => { if (a.layer === li) out.push(i); }); return out; }
  function curve(x1, y1, x2, y2) {
    const mx = (x1 + x2) / 2;
    return 'M' + x1 + ',' + y1 + ' C' + mx + ',' + y1 + ' ' + mx + ',' + y2 + ' ' + x2 + ',' + y2;
  }
  function areaNode(ai, x, y, w, hgt) {
    const a = D.areas[ai];
    const g = s('g', { cls: 'area', transform: 'translate(' + x + ',' + y + ')', tabindex: 0, role: 'button', 'data-area': a.id,
      'aria-label': D.layers[a.layer].id + ' / ' + a.id });
    const open = () => openPanel({ kind: 'area', key: ai, title: D.layers[a.layer].id + ' / ' + a.id });
    g.addEventListener('click', open);
    g.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
    const score = s('text', { cls: 'score', x: w - 12, y: 26, 'text-anchor': 'end' });
    const bar = s('g', { transform: 'translate(12,34)' });
    const sub = s('text', { cls: 'sub', x: 12, y: 58 });
    append(g, [s('rect', { cls: 'box', width: w, height: hgt, rx: 9 }), s('text', { cls: 'name', x: 12, y: 24, text: a.id }), score, bar, sub,
      s('title', { text: a.id + ': ' + a.covers + '\nTools that help: ' + a.tools })]);
    areaNodes[ai] = { g, score, bar, sub, w };
    return g;
  }
  function updateMap() {
    D.areas.forEach((a, ai) => {
      const node = areaNodes[ai];
      const counts = D.scanned ? stats.area[ai] : [0, 0, 0, 0, 0];
      const n = total(counts);
      const w = worst(counts);
      node.g.setAttribute('class', 'area' + (a.rules.length === 0 ? ' uncovered' : w >= 0 ? ' s-' + SEV[w] : '') +
        (state.scope && state.scope.kind === 'area' && state.scope.key === ai ? ' selected' : ''));
      if (D.scanned && a.rules.length > 0) {
        node.score.textContent = String(a.score);
        node.score.style.fill = scoreColor(a.score);
      } else {
        node.score.textContent = '';
      }
      clear(node.bar);
      const bw = node.w - 24;
      if (n === 0) {
        const r = s('rect', { width: bw, height: 9, rx: 4 });
        r.style.fill = a.rules.length ? '#c8e6c9' : '#eceff1';
        node.bar.appendChild(r);
      } else {
        let x = 0;
        counts.forEach((c, i) => {
          if (c === 0) return;
          const width = Math.max(2, bw * c / n);
          const r = s('rect', { x, width, height: 9 });
          r.style.fill = 'var(--' + SEV[i] + ')';
          node.bar.appendChild(r);
          x += width;
        });
      }
      const rules = a.rules.length ? plural(a.rules.length, 'rule') : 'no kube4c rule yet';
      node.sub.textContent = D.scanned ? rules + (a.rules.length ? ' · ' + (n ? countsText(counts) : 'no findings') : '') : rules + ' · ' + truncate(a.tools, 26);
      // Long status lines are squeezed into the box rather than cut off.
      node.sub.removeAttribute('textLength');
      if (node.sub.getComputedTextLength() > node.w - 24) {
        node.sub.setAttribute('textLength', String(node.w - 24));
        node.sub.setAttribute('lengthAdjust', 'spacingAndGlyphs');
      }
    });
    D.layers.forEach((l, li) => {
      const counts = D.scanned ? stats.layer[li] : [0, 0, 0, 0, 0];
      layerNodes[li].sub.textContent = D.scanned ? 'score ' + l.score + '/100' : plural(areasOf(li).length, 'area');
      layerNodes[li].sub2.textContent = D.scanned ? plural(total(counts), 'finding') : '';
    });
    document.getElementById('center-sub').textContent = D.scanned ? plural(stats.n, 'finding') : 'mind map';
  }

  // ---- summary charts -----------------------------------------------------------------------
  function renderSummary() {
    const view = document.getElementById('view-summary');
    clear(view);
    if (!D.scanned) { view.appendChild(h('p', { cls: 'empty', text: 'No scan: run kube4c map PATH… or kube4c scan --format html to see status.' })); return; }
    const charts = h('div', { cls: 'charts' });
    charts.appendChild(chart('Findings by severity', SEV.map((sv, i) => ({ label: SEV_TITLE[i], value: stats.sev[i], color: 'var(--' + sv + ')' }))));
    charts.appendChild(chart('Score by layer (whole scan)', D.layers.map(l => ({ label: l.id, value: l.score, color: scoreColor(l.score) })), 100));
    charts.appendChild(stacked('Findings by layer', D.layers.map((l, li) => ({ label: l.id, counts: stats.layer[li] }))));
    const topRules = D.rules.map((r, i) => ({ label: r.id, counts: stats.rule[i] })).filter(x => total(x.counts) > 0)
      .sort((a, b) => total(b.counts) - total(a.counts)).slice(0, 10);
    charts.appendChild(stacked('Top rules', topRules));
    const topNs = Array.from(stats.ns.entries()).sort((a, b) => b[1] - a[1]).slice(0, 10)
      .map(([k, v]) => ({ label: D.ns[k], value: v, color: 'var(--low)' }));
    charts.appendChild(chart('Top namespaces', topNs));
    const areas = D.areas.map((a, i) => ({ label: a.id, value: a.score, color: scoreColor(a.score), covered: a.rules.length > 0 }))
      .filter(x => x.covered).sort((a, b) => a.value - b.value).slice(0, 10);
    charts.appendChild(chart('Weakest areas (score)', areas, 100));
    view.appendChild(charts);
  }
  function chart(title, items, max) {
    const top = max || Math.max(1, ...items.map(i => i.value));
    const W = 420, LH = 24, LX = 150;
    const svg = s('svg', { viewBox: '0 0 ' + W + ' ' + Math.max(LH, items.length * LH + 6), role: 'img', 'aria-label': title });
    items.forEach((it, k) => {
      const y = k * LH + 4;
      const bar = s('rect', { x: LX, y, height: LH - 8, width: Math.max(1, (W - LX - 50) * it.value / top), rx: 3 });
      bar.style.fill = it.color;
      append(svg, [s('text', { x: LX - 6, y: y + 12, 'text-anchor': 'end', 'font-size': 12, text: truncate(it.label, 22) }, s('title', { text: it.label })), bar,
        s('text', { x: LX + Math.max(1, (W - LX - 50) * it.value / top) + 4, y: y + 12, 'font-size': 12, text: String(it.value) })]);
    });
    if (!items.length) svg.appendChild(s('text', { x: 10, y: 16, 'font-size': 12, text: 'none' }));
    return h('div', { cls: 'card' }, [h('h2', { text: title }), svg]);
  }
  function stacked(title, items) {
    const top = Math.max(1, ...items.map(i => total(i.counts)));
    const W = 420, LH = 24, LX = 150;
    const svg = s('svg', { viewBox: '0 0 ' + W + ' ' + Math.max(LH, items.length * LH + 6), role: 'img', 'aria-label': title });
    items.forEach((it, k) => {
      const y = k * LH + 4;
      let x = LX;
      svg.appendChild(s('text', { x: LX - 6, y: y + 12, 'text-anchor': 'end', 'font-size': 12, text: truncate(it.label, 22) }, s('title', { text: it.label })));
      it.counts.forEach((c, i) => {
        if (!c) return;
        const w = (W - LX - 50) * c / top;
        const r = s('rect', { x, y, width: Math.max(1, w), height: LH - 8 }, s('title', { text: c + ' ' + SEV[i] }));
        r.style.fill = 'var(--' + SEV[i] + ')';
        svg.appendChild(r);
        x += w;
      });
      svg.appendChild(s('text', { x: x + 4, y: y + 12, 'font-size': 12, text: String(total(it.counts)) }));
    });
    if (!items.length) svg.appendChild(s('text', { x: 10, y: 16, 'font-size': 12, text: 'none' }));
    return h('div', { cls: 'card' }, [h('h2', { text: title }), svg]);
  }
  function truncate(text, n) { return text.length > n ? text.slice(0, n - 1) + '…' : text; }

  // ---- CKS and framework views --------------------------------------------------------------
  function rulesCounts(ruleSet) {
    const c = [0, 0, 0, 0, 0];
    if (!D.scanned) return c;
    for (const r of ruleSet) stats.rule[r].forEach((n, i) => { c[i] += n; });
    return c;
  }
  function renderCks() {
    const view = document.getElementById('view-cks');
    clear(view);
    view.appendChild(h('p', { cls: 'card', text: 'The same findings by the Certified Kubernetes Security Specialist curriculum domains. Click a domain to list its findings.' }));
    const cards = h('div', { cls: 'cards' });
    D.cks.forEach((title, k) => {
      const rules = [];
      ruleCks.forEach((c, r) => { if (c === k) rules.push(r); });
      const counts = rulesCounts(rules);
      cards.appendChild(h('button', { type: 'button', cls: 'card', 'data-cks': title, onclick: () => openPanel({ kind: 'rules', rules: new Set(rules), title: 'CKS: ' + title }) }, [
        h('h3', { text: title }),
        h('p', { text: plural(rules.length, 'rule') + (D.scanned ? ' · ' + countsText(counts) : '') }),
        D.scanned ? sevBar(counts) : null,
        h('p', { cls: 'mono', text: rules.map(r => D.rules[r].id).join(', ') || 'no kube4c rule yet' })]));
    });
    view.appendChild(cards);
  }
  function naturalCompare(a, b) { return a.localeCompare(b, 'en', { numeric: true }); }
  function renderFrameworks() {
    const view = document.getElementById('view-frameworks');
    clear(view);
    const frameworks = [['cis', 'CIS Kubernetes Benchmark'], ['nsa', 'NSA/CISA Kubernetes Hardening Guide'], ['mitre', 'MITRE ATT&CK for Containers'], ['pss', 'Pod Security Standards']];
    for (const [key, title] of frameworks) {
      const byId = new Map();
      D.rules.forEach((r, i) => {
        const ids = key === 'pss' ? (r.pss ? [r.pss] : []) : (r[key] || []);
        for (const id of ids) { if (!byId.has(id)) byId.set(id, []); byId.get(id).push(i); }
      });
      const section = h('section', { cls: 'fw', 'data-framework': key }, h('h2', { text: title + ' (' + plural(byId.size, 'control') + ')' }));
      if (!byId.size) { section.appendChild(h('p', { cls: 'empty', text: 'No evaluated rule maps to this framework.' })); view.appendChild(section); continue; }
      const table = h('table', { cls: 'grid' }, h('tr', null, [h('th', { text: 'Control' }), h('th', { text: 'kube4c rules' }), h('th', { text: D.scanned ? 'Findings' : '' })]));
      for (const id of Array.from(byId.keys()).sort(naturalCompare)) {
        const rules = byId.get(id);
        const counts = rulesCounts(rules);
        table.appendChild(h('tr', { cls: 'click', tabindex: 0, onclick: () => openPanel({ kind: 'rules', rules: new Set(rules), title: title + ': ' + id }),
          onkeydown: e => { if (e.key === 'Enter') openPanel({ kind: 'rules', rules: new Set(rules), title: title + ': ' + id }); } }, [
          h('td', { text: id }), h('td', { cls: 'mono', text: rules.map(r => D.rules[r].id).join(', ') }),
          h('td', null, D.scanned ? [String(total(counts)), sevBar(counts)] : null)]));
      }
      section.appendChild(table);
      view.appendChild(section);
    }
  }

  // ---- findings panel -----------------------------------------------------------------------
  let panelRows = new Int32Array(0);
  let vlist = null;
  function inScope(f) {
    const sc = state.scope;
    if (!sc || sc.kind === 'all') return true;
    if (sc.kind === 'area') return ruleArea[f[0]] === sc.key;
    return sc.rules.has(f[0]);
  }
  function scopeRules() {
    const sc = state.scope;
    const out = [];
    D.rules.forEach((r, i) => {
      if (sc.kind === 'all' || (sc.kind === 'area' && r.area === sc.key) || (sc.kind === 'rules' && sc.rules.has(i))) out.push(i);
    });
    return out;
  }
  function openPanel(scope) {
    state.scope = scope;
    state.selected = -1;
    const panel = document.getElementById('panel');
    panel.hidden = false;
    document.getElementById('main').classList.add('open');
    clear(panel);
    const title = h('h2', null, [h('span', { text: scope.title }),
      h('button', { type: 'button', cls: 'close', 'aria-label': 'Close', text: '×', onclick: closePanel })]);
    const head = h('div', { cls: 'phead' }, title);
    if (scope.kind === 'area') {
      const a = D.areas[scope.key];
      append(head, [h('p', { text: 'Covers: ' + a.covers }), h('p', { text: 'Tools that help: ' + a.tools }),
        D.scanned && a.rules.length ? h('p', { text: 'Score ' + a.score + '/100 · ' + countsText(a.counts) + ' (whole scan)' }) : null]);
    }
    panel.appendChild(head);
    const rules = scopeRules();
    const rtable = h('table', { cls: 'grid' }, h('tr', null, [h('th', { text: 'Rule' }), h('th', { text: 'Severity' }), h('th', { text: 'Title' }),
      D.scanned ? h('th', { text: 'Shown' }) : null]));
    if (!rules.length) rtable.appendChild(h('tr', null, h('td', { colspan: 4, text: 'No kube4c rule evaluated here yet.' })));
    for (const r of rules) {
      const rule = D.rules[r];
      rtable.appendChild(h('tr', { cls: 'click', title: rule.rationale, onclick: () => {
        state.rule = state.rule === r ? -1 : r;
        const sel = document.getElementById('filter-rule');
        if (sel) sel.value = String(state.rule);
        update();
      } }, [h('td', { cls: 'mono', text: rule.id }), h('td', null, h('span', { cls: 'badge sev-' + SEV[rule.sev], text: SEV[rule.sev] })),
        h('td', { text: rule.title }), D.scanned ? h('td', { cls: 'num', 'data-rule-count': rule.id }) : null]));
    }
    panel.appendChild(h('div', { cls: 'prules' }, rtable));
    if (D.scanned) {
      panel.appendChild(h('div', { cls: 'pcount', id: 'pcount' }));
      const list = h('div', { cls: 'vlist', id: 'findings', role: 'list', 'aria-label': 'Findings' });
      const spacer = h('div', { cls: 'vspacer' });
      list.appendChild(spacer);
      panel.appendChild(list);
      panel.appendChild(h('div', { cls: 'detail', id: 'detail' }, h('p', { cls: 'empty', text: 'Select a finding for details.' })));
      vlist = { list, spacer, rendered: new Map() };
      list.addEventListener('scroll', () => requestAnimationFrame(renderRows));
      window.addEventListener('resize', () => requestAnimationFrame(renderRows));
    } else {
      vlist = null;
      panel.appendChild(h('div', { cls: 'detail' }, rules.map(r => h('p', null, [h('strong', { text: D.rules[r].id + ': ' }), D.rules[r].fix]))));
    }
    updatePanel();
    updateMap();
    panel.querySelector('.close').focus({ preventScroll: true });
  }
  function closePanel() {
    state.scope = null;
    document.getElementById('panel').hidden = true;
    document.getElementById('main').classList.remove('open');
    vlist = null;
    updateMap();
  }
  function updatePanel() {
    if (!state.scope || !D.scanned) return;
    const rows = new Int32Array(shown.length);
    let n = 0;
    for (let k = 0; k < shown.length; k++) if (inScope(F[shown[k]])) rows[n++] = shown[k];
    panelRows = rows.subarray(0, n);
    document.getElementById('pcount').textContent = plural(n, 'finding') + ' shown (the filters apply)';
    document.querySelectorAll('[data-rule-count]').forEach(td => {
      const r = D.rules.findIndex(x => x.id === td.getAttribute('data-rule-count'));
      td.textContent = String(total(stats.rule[r]));
    });
    if (!vlist) return;
    vlist.spacer.style.height = (n * ROW) + 'px';
    for (const el of vlist.rendered.values()) el.remove();
    vlist.rendered.clear();
    if (n === 0) {
      const empty = h('div', { cls: 'empty', text: 'No findings here with the current filters.' });
      vlist.rendered.set(-1, empty);
      vlist.spacer.appendChild(empty);
    }
    renderRows();
  }
  function renderRows() {
    if (!vlist) return;
    const { list, spacer, rendered } = vlist;
    const first = Math.max(0, Math.floor(list.scrollTop / ROW) - 5);
    const last = Math.min(panelRows.length, Math.ceil((list.scrollTop + list.clientHeight) / ROW) + 5);
    for (const [k, el] of rendered) if (k >= 0 && (k < first || k >= last)) { el.remove(); rendered.delete(k); }
    for (let k = first; k < last; k++) {
      if (rendered.has(k)) continue;
      const el = row(panelRows[k], k);
      rendered.set(k, el);
      spacer.appendChild(el);
    }
  }
  function location(f) { return f[5] < 0 ? '' : D.files[f[5]] + (f[6] > 0 ? ':' + f[6] + ':' + f[7] : ''); }
  function resource(f) { return D.res[f[2]] + (f[4] >= 0 ? ' [' + D.ctr[f[4]] + ']' : ''); }
  function row(i, k) {
    const f = F[i];
    const rule = D.rules[f[0]];
    const el = h('div', { cls: 'row' + (state.selected === i ? ' sel' : ''), role: 'listitem', tabindex: 0, 'data-finding': i }, [
      h('div', { cls: 'l1' }, [h('span', { cls: 'badge sev-' + SEV[f[1]], text: SEV[f[1]] }), rule.id + '  ·  ', h('span', { cls: 'res', text: resource(f) })]),
      h('div', { cls: 'loc', text: (location(f) || 'no file') + '  ·  ns ' + D.ns[f[3]] }),
      h('div', { cls: 'msg', text: D.msgs[f[8]], title: D.msgs[f[8]] }),
      h('div', { cls: 'fix', text: 'Fix: ' + rule.fix, title: rule.fix })]);
    el.style.transform = 'translateY(' + (k * ROW) + 'px)';
    el.addEventListener("click", () => selectFinding(i));
    el.addEventListener('keydown', e => { if (e.key === "Enter") selectFinding(i); });
    return el;
  }
  function selectFinding(i) {
    state.selected = i;
    for (const el of vlist.rendered.values()) el.classList.toggle('sel', el.getAttribute('data-finding') === String(i));
    const f = F[i];
    const rule = D.rules[f[0]];
    const area = D.areas[rule.area];
    const dl = h('dl');
    const add = (k, v) => { if (v) append(dl, [h('dt', { text: k }), h('dd', null, v)]); };
    add('Resource', resource(f));
    add('Namespace', D.ns[f[3]]);
    add('Location', location(f));
    add('Message', D.msgs[f[8]]);
    add('Remediation', rule.fix);
    add('Why', rule.rationale);
    add('Layer / area', D.layers[area.layer].id + ' / ' + area.id);
    const fw = [];
    if (rule.cis && rule.cis.length) fw.push('CIS ' + rule.cis.join(', '));
    if (rule.nsa && rule.nsa.length) fw.push('NSA/CISA: ' + rule.nsa.join('; '));
    if (rule.mitre && rule.mitre.length) fw.push('MITRE ' + rule.mitre.join(', '));
    if (rule.pss) fw.push('PSS: ' + rule.pss);
    if (rule.cks) fw.push('CKS: ' + rule.cks);
    add('Frameworks', fw.join(' · '));
    if (rule.refs && rule.refs.length) {
      // References come from the rule catalogue; only http(s) links are made clickable.
      add('References', rule.refs.map(r => /^https?:\/\//.test(r) ? h('div', null, h('a', { href: r, rel: 'noreferrer noopener', target: '_blank', text: r })) : h('div', { text: r })));
    }
    const detail = document.getElementById('detail');
    clear(detail);
    append(detail, [h('h3', null, [h('span', { cls: 'badge sev-' + SEV[f[1]], text: SEV[f[1]] }), rule.title + ' (' + rule.id + ')']), dl]);
  }

  // ---- tabs and updates ---------------------------------------------------------------------
  function showTab(tab) {
    state.tab = tab;
    document.querySelectorAll('.tabs button').forEach(b => b.setAttribute('aria-selected', String(b.getAttribute('data-tab') === tab)));
    document.querySelectorAll('.view').forEach(v => { v.hidden = v.id !== 'view-' + tab; });
    renderTab(tab);
  }
  function renderTab(tab) {
    // Views other than the map are built when shown, and rebuilt after a filter change only while visible.
    if (tab === 'summary') renderSummary();
    else if (tab === 'cks') renderCks();
    else if (tab === 'frameworks') renderFrameworks();
  }
  function update() {
    if (D.scanned) recompute();
    updateMap();
    if (state.tab !== 'map') renderTab(state.tab);
    updatePanel();
    const count = document.getElementById('count');
    if (count) count.textContent = D.scanned ? stats.n + ' of ' + F.length + ' findings match' : '';
  }

  document.querySelectorAll('.tabs button').forEach(b => b.addEventListener('click', () => showTab(b.getAttribute('data-tab'))));
  document.addEventListener('keydown', e => { if (e.key === 'Escape' && state.scope) closePanel(); });
  renderChips();
  renderFilters();
  renderMap();
  update();
  // Lets tests and curious users see how long the first render took (ms since navigation start).
  document.documentElement.setAttribute('data-ready', String(Math.round(performance.now())));
})();
