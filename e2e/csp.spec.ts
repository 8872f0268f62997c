// Plain Playwright test: the blocked frame's console error is the expected outcome here.
import { expect, test } from '@playwright/test';

test('the built page allows no dev-server socket and may not be framed', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  const response = await page.goto('/');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("connect-src 'self'");
  expect(meta).not.toMatch(/wss?:/);
  expect(response?.headers()['content-security-policy']).toBe("frame-ancestors 'none'");
  expect(response?.headers()['x-frame-options']).toBe('DENY');
  expect(errors).toEqual([]);
  // A page that frames Ringside gets an empty frame, and Chromium says why.
  const url = page.url();
  await page.setContent(`<iframe src="${url}"></iframe>`);
  await expect.poll(() => errors.some((e) => e.includes("frame-ancestors 'none'"))).toBe(true);
  expect(await page.frames()[1]?.locator('#root').count()).toBe(0);
});
