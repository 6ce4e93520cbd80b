// The playground (notebook 05) as a person uses it: type a new input scale s into the slider's
// readout, pick another activation for the model, click Train, and watch the chart and the summary
// table change to that s and that model.
// The widgets are described in /work/coord/widgets-ui.md (ipywidgets 8 controls).
import { join } from 'node:path';

const NEW_SCALE = process.env.PLAYGROUND_SCALE || '64';

export async function playground(page, shots, stem, log) {
  const result = { scale: NEW_SCALE };
  const slider = page.locator('.widget-slider, .widget-hslider').filter({ hasText: 'input scale s' }).first();
  await slider.waitFor({ timeout: 60000 });
  const widgets = page.locator('.jp-Cell').filter({ has: slider }).first();
  const image = widgets.locator('img.widget-image, .widget-image img, .widget-image').first();
  const html = widgets.locator('.widget-html-content').last();
  // The status line: the label that reads "set the controls…", "training…", "done:…" etc.
  const status = widgets.locator('.widget-label, .widget-label-basic, .widget-inline-hbox')
    .filter({ hasText: /^\s*(set the controls|training|done:|stopped:|error:)/ }).last();

  // Set s through the slider's readout, as a user typing a value does.
  const readout = slider.locator('.widget-readout');
  await readout.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(NEW_SCALE);
  await page.keyboard.press('Enter');
  result.readout = (await readout.textContent()).trim();
  result.htmlBefore = (await html.textContent()).slice(0, 200);
  log(`s set to ${result.readout}`);

  // A model control: the hidden layers' activation, a dropdown (a <select> in ipywidgets 8).
  const activation = widgets.locator('.widget-dropdown').filter({ hasText: 'activation' }).first().locator('select');
  await activation.selectOption('tanh');
  result.activation = await activation.inputValue();
  log(`activation set to ${result.activation}`);

  // Count the chart's redraws while training (its src changes on every redraw).
  await page.evaluate(() => {
    window.__chartSources = new Set();
    const cell = [...document.querySelectorAll('.widget-slider, .widget-hslider')]
      .find((s) => s.textContent.includes('input scale s')).closest('.jp-Cell');
    const record = () => cell.querySelectorAll('img').forEach((im) => window.__chartSources.add(im.src));
    record();
    new MutationObserver(record).observe(cell, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
  });
  const clicked = Date.now();
  await widgets.locator('button', { hasText: /^\s*Train\s*$/ }).click();
  log('clicked Train');
  await page.waitForFunction((s) => {
    const cell = [...document.querySelectorAll('.widget-slider, .widget-hslider')]
      .find((x) => x.textContent.includes('input scale s')).closest('.jp-Cell');
    const text = cell.textContent;
    return /done: s ?= ?/.test(text) && text.includes(`s=${s}`)
      || /error:|stopped:/.test(text);
  }, NEW_SCALE, { timeout: 300000, polling: 200 });
  result.trainSeconds = (Date.now() - clicked) / 1000;
  result.status = (await status.textContent()).trim();
  result.htmlAfter = (await html.textContent()).slice(0, 400);
  result.chartSources = await page.evaluate(() => window.__chartSources.size);
  result.imageVisible = await image.isVisible();
  log(`status "${result.status}" after ${result.trainSeconds} s, ${result.chartSources} chart images`);
  await widgets.screenshot({ path: join(shots, `${stem}-trained.png`) });
  return result;
}
