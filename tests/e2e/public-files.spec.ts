import { PRO_PRICES } from "../../core/pro-prices";
import { formatRetention, TIERS } from "../../core/tiers";
import { expect, test } from "./helpers/test";

/** public/: what crawlers, home screens and link previews ask the site for. */

test("robots.txt lets the public pages be crawled, keeps people's videos and accounts out, and names the sitemap", async ({ request, baseURL }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
  const text = await response.text();
  expect(text).toMatch(/^User-Agent: \*$/im);
  for (const path of ["/api/", "/videos", "/dashboard", "/billing", "/s/"]) expect(text).toContain(`Disallow: ${path}`);
  const sitemapUrl = /^Sitemap: (\S+)$/m.exec(text)?.[1];
  expect(sitemapUrl).toBe(new URL("/sitemap.xml", baseURL).href);

  // The sitemap lists the pages anyone can open, on the site's own origin, and no private one.
  const sitemap = await (await request.get(new URL(sitemapUrl!).pathname)).text();
  const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  expect(urls).toEqual(["/", "/sign-up", "/sign-in", "/terms", "/privacy", "/contact"]);
  for (const url of urls) expect((await request.get(url)).status(), url).toBe(200);
});

test("the web manifest is linked from the pages, and every icon it names is a PNG of its stated size", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  const manifest = (await (await request.get("/manifest.webmanifest")).json()) as { name: string; start_url: string; icons: Array<{ src: string; sizes: string; type: string }> };
  expect(manifest).toMatchObject({ name: "Frame Picker", start_url: "/" });
  expect(manifest.icons.map((i) => i.sizes)).toEqual(["192x192", "512x512"]);
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    const png = await response.body();
    // A PNG's IHDR holds its width and height right after the signature and chunk header.
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
  }
});

test("a shared link previews with the Open Graph image, at an absolute URL that answers", async ({ page, request }) => {
  await page.goto("/");
  const image = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(image).toMatch(/^https?:\/\/[^/]+\/og\.png$/);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  const response = await request.get(new URL(image!).pathname);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  const png = await response.body();
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
});

test("the footer leads to the privacy page, which states each plan's retention from the tier table", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Privacy" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1, name: "Privacy" })).toBeVisible();
  for (const tier of [TIERS.anonymous, TIERS.free, TIERS.pro]) await expect(page.getByText(`${tier.label} ${formatRetention(tier)}`)).toBeVisible();
  await expect(page.getByRole("link", { name: "My videos" }).last()).toHaveAttribute("href", "/videos");
});

test("the footer leads to the terms, with Pro's prices and every plan's retention, and to a contact address", async ({ page, baseURL }) => {
  await page.goto("/");
  const footer = page.getByRole("contentinfo");
  await expect(footer.getByRole("navigation").getByRole("link")).toHaveText(["Terms", "Privacy", "Contact"]);

  await footer.getByRole("link", { name: "Terms" }).click();
  await expect(page).toHaveURL(/\/terms$/);
  await expect(page.getByRole("heading", { level: 1, name: "Terms" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`Pro costs ${PRO_PRICES.month.label} a month or ${PRO_PRICES.year.label} a year`);
  for (const tier of [TIERS.anonymous, TIERS.free, TIERS.pro]) await expect(page.getByText(`${tier.label} ${formatRetention(tier)}`)).toBeVisible();
  // "plans table" leads to the home page's table, which the terms say the service enforces.
  await page.getByRole("link", { name: "plans table" }).click();
  await expect(page.getByRole("heading", { name: "Plans" })).toBeInViewport();

  await page.getByRole("contentinfo").getByRole("link", { name: "Contact" }).click();
  await expect(page).toHaveURL(/\/contact$/);
  // No SUPPORT_EMAIL in the test stack: the address is support@ the site's own host.
  const address = `support@${new URL(baseURL!).hostname}`;
  await expect(page.getByRole("link", { name: address })).toHaveAttribute("href", `mailto:${address}`);
  await expect(page.getByRole("link", { name: "Billing" })).toHaveAttribute("href", "/billing");
});

test("each public page describes itself, for search results and link previews alike", async ({ page }) => {
  const seen = new Set<string>();
  for (const path of ["/", "/sign-up", "/sign-in", "/terms", "/privacy", "/contact"]) {
    await page.goto(path);
    const description = await page.locator('meta[name="description"]').getAttribute("content");
    expect(description?.length, path).toBeGreaterThan(40);
    expect(seen.has(description!), `${path} repeats another page's description`).toBe(false);
    seen.add(description!);
    await expect(page.locator('meta[property="og:description"]'), path).toHaveAttribute("content", description!);
    await expect(page.locator('meta[property="og:title"]'), path).toHaveAttribute("content", await page.title());
  }
});
