// Opens one notebook in a running JupyterLab with Debian's chromium, runs
// Kernel › Restart Kernel and Run All Cells through the menu, as a person would, and prints
// what the page shows as one JSON line ("REPORT {...}") for NotebooksInLabIT to check.
// Screenshots go to SHOTS_DIR. Environment:
//   LAB_URL     http://127.0.0.1:PORT (the server's base URL)
//   LAB_TOKEN   the server's token
//   NOTEBOOK    the notebook's path under the server's root
//   SHOTS_DIR   where the PNG screenshots go
//   TIMEOUT_MS  how long Run All may take
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.env.LAB_URL;
const token = process.env.LAB_TOKEN;
const notebook = process.env.NOTEBOOK;
const shots = process.env.SHOTS_DIR;
const timeoutMs = Number(process.env.TIMEOUT_MS || 600000);
const stem = notebook.replace(/\.ipynb$/, '');
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const log = (msg) => console.log(`[${seconds()} s] ${stem}: ${msg}`);

// Flags that keep a headless chromium quiet and offline (no sandbox: CI runs as root).
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'lab-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: FLAGS,
  viewport: { width: 1280, height: 900 },
});
const report = { notebook, cells: [], pageErrors: [], timings: {} };
try {
  const page = context.pages()[0] || (await context.newPage());
  page.on('pageerror', (e) => report.pageErrors.push(String(e.message || e)));
  // reset: a fresh workspace, only this notebook open.
  await page.goto(`${url}/lab/tree/${encodeURIComponent(notebook)}?reset&token=${token}`);
  await page.waitForFunction(() => {
    const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
    return k && k.status === 'idle' && w.content.widgets.length > 0;
  }, null, { timeout: 120000, polling: 250 });
  report.kernelName = await page.evaluate(
    () => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayName);
  report.timings.opened = Number(seconds());
  log(`opened on kernel "${report.kernelName}"`);

  // Every distinct state each code cell's outputs pass through, to see live displays update.
  await page.evaluate(() => {
    const notebookNode = window.jupyterapp.shell.currentWidget.content.node;
    window.__states = {};
    const record = () => {
      notebookNode.querySelectorAll('.jp-Cell').forEach((cell, i) => {
        const area = cell.querySelector('.jp-OutputArea');
        if (!area) return;
        const imgs = [...area.querySelectorAll('img')].map((im) => im.src.length + ':' + im.src.slice(-48));
        const signature = imgs.join('|') + '#' + area.textContent.length;
        (window.__states[i] = window.__states[i] || new Set()).add(signature);
      });
    };
    new MutationObserver(record).observe(notebookNode,
      { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
  });

  await page.click('.lm-MenuBar-itemLabel:text-is("Kernel")');
  await page.click('.lm-Menu-itemLabel:text-is("Restart Kernel and Run All Cells…")');
  await page.click('.jp-Dialog .jp-mod-accept');
  log('Restart Kernel and Run All Cells');
  const runStart = Date.now();
  // First the run must start (a queued or running cell shows "*"): until the restart goes
  // through, the committed notebook is idle with every cell counted and looks finished.
  await page.waitForFunction(() => [...window.jupyterapp.shell.currentWidget.content.node
    .querySelectorAll('.jp-InputArea-prompt')].some((p) => p.textContent.includes('*')),
  null, { timeout: 120000, polling: 50 });
  // Done when every code cell has run (or an error stopped the run) and the kernel is idle.
  await page.waitForFunction(() => {
    const w = window.jupyterapp.shell.currentWidget;
    const code = w.content.widgets.filter((c) => c.model.type === 'code');
    const ran = code.every((c) => c.model.executionCount !== null);
    const failed = code.some((c) => {
      const o = c.model.outputs;
      for (let j = 0; j < o.length; j++) if (o.get(j).type === 'error') return true;
      return false;
    });
    return (ran || failed) && w.sessionContext.session.kernel.status === 'idle'
      && ![...w.content.node.querySelectorAll('.jp-InputArea-prompt')].some((p) => p.textContent.includes('*'));
  }, null, { timeout: timeoutMs, polling: 500 });
  report.timings.runAll = Number(((Date.now() - runStart) / 1000).toFixed(1));
  log(`Run All finished in ${report.timings.runAll} s`);

  report.cells = await page.evaluate(() => {
    const w = window.jupyterapp.shell.currentWidget;
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    return w.content.widgets.map((cell, index) => {
      cell.node.setAttribute('data-test-cell', String(index)); // for the screenshots below
      if (cell.model.type !== 'code') return { index, type: cell.model.type };
      const outputs = [];
      for (let j = 0; j < cell.model.outputs.length; j++) {
        const o = cell.model.outputs.get(j).toJSON();
        outputs.push({ type: o.output_type, name: o.name || null,
          ename: o.ename || null, evalue: o.evalue || null, mimes: Object.keys(o.data || {}) });
      }
      const area = cell.node.querySelector('.jp-OutputArea');
      const imgs = area ? [...area.querySelectorAll('img')] : [];
      const tables = area ? [...area.querySelectorAll('table')] : [];
      const stderr = area ? [...area.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')] : [];
      return {
        index, type: 'code', source: cell.model.sharedModel.getSource().slice(0, 80),
        executionCount: cell.model.executionCount, outputs,
        images: imgs.filter((im) => im.complete && im.naturalWidth > 0 && visible(im)).length,
        imageSizes: imgs.map((im) => [im.naturalWidth, im.naturalHeight]),
        tables: tables.filter(visible).length,
        tableOverflow: tables.map((t) => Math.round(t.getBoundingClientRect().width - area.getBoundingClientRect().width)),
        stderr: stderr.map((e) => e.textContent.slice(0, 400)),
        states: window.__states[index] ? window.__states[index].size : 0,
        stateImages: window.__states[index]
          ? new Set([...window.__states[index]].map((s) => s.split('#')[0]).filter((s) => s)).size : 0,
      };
    });
  });

  // Screenshots a person can read: the lab at the top, then every cell that shows a plot or a table.
  await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.node
    .closest('.jp-WindowedPanel-outer, .jp-Notebook').scrollTo(0, 0));
  await page.screenshot({ path: join(shots, `${stem}-lab.png`) });
  for (const c of report.cells) {
    if (c.type === 'code' && (c.images > 0 || c.tables > 0)) {
      await page.locator(`[data-test-cell="${c.index}"]`)
        .screenshot({ path: join(shots, `${stem}-cell${String(c.index).padStart(2, '0')}.png`) });
    }
  }
  if (process.env.PLAYGROUND === 'true') {
    const { playground } = await import('./playground.mjs');
    report.playground = await playground(page, shots, stem, log);
  }
  report.timings.total = Number(seconds());
} catch (e) {
  report.failure = String(e && e.stack || e);
  try {
    const page = context.pages()[0];
    await page.screenshot({ path: join(shots, `${stem}-failure.png`) });
  } catch (ignored) { /* the screenshot is only a help */ }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log('REPORT ' + JSON.stringify(report));
