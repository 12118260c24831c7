// Acting inside a webview for the e2e suite: VS Code puts each webview in an iframe (and its page in an
// inner one), which the extension host cannot reach but Playwright can. Steps run the way a person
// works: typing into fields and clicking buttons, each bounded in time.
import type { Frame, Page } from 'playwright-core';
import type { WebviewStep } from './suite/harness';
import { poll } from './wait';

const STEP_TIMEOUT_MS = 20_000;

/** The frame whose document holds `root`. */
export function findWebview(page: Page, root: string): Promise<Frame> {
  return poll(`a webview holding ${root}`, async () => {
    for (const frame of page.frames()) {
      if (await frame.$(root).catch(() => null)) return frame;
    }
    return undefined;
  }, 30_000);
}

export async function runSteps(page: Page, root: string, steps: WebviewStep[]): Promise<void> {
  const frame = await findWebview(page, root);
  for (const step of steps) {
    if ('fill' in step) await frame.locator(step.fill).first().fill(step.value, { timeout: STEP_TIMEOUT_MS });
    else if ('click' in step) await frame.locator(step.click).first().click({ timeout: STEP_TIMEOUT_MS });
    else if ('visible' in step) await frame.locator(step.visible).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    else {
      const found = await poll(`${step.equals} of ${step.count}`, async () => {
        const n = await frame.locator(step.count).count();
        return n === step.equals ? n : undefined;
      }, STEP_TIMEOUT_MS).catch(async () => frame.locator(step.count).count());
      if (found !== step.equals) throw new Error(`expected ${step.equals} of ${step.count} in the webview, found ${found}`);
    }
  }
}
